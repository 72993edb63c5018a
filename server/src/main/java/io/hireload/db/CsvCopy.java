package io.hireload.db;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows handed to PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)} as text: the one quoting
 * of a text field and the one way to send them, for the loads' batches and the restores' staging.
 */
public final class CsvCopy {
    private CsvCopy() {
    }

    /** {@code text} as one CSV field, quoted, so commas, quotes and line breaks stay in it. */
    public static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * COPYs the CSV rows in {@code csv} into {@code target} (a table with its column list). An I/O
     * error here is the connection's (the rows are in memory), so it is said as one.
     */
    public static void send(Connection connection, String target, CharSequence csv) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + target + " from stdin (format csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("the database connection failed during COPY", "08006", e);
        }
    }
}
