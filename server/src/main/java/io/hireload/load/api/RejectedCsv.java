package io.hireload.load.api;

import io.hireload.load.queue.LoadRuns;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every rejected row of a load as one CSV file ({@code file,line,raw,reason}, a header row, RFC 4180
 * quoting so raw text with commas, quotes and line breaks survives), the one format of the server
 * and the admin client. Streamed from a server-side cursor: a load with millions of rejected rows
 * costs the server one fetch of memory, not the file.
 */
@ApplicationScoped
public class RejectedCsv {
    /** Writes the file to where the answer goes; the web edge hands it to the server as the body. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final String[] HEADER = {"file", "line", "raw", "reason"};
    private static final Logger LOG = Logger.getLogger(RejectedCsv.class.getName());
    private static final int FETCH_SIZE = 1000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();

    private final DataSource dataSource;

    @Inject
    public RejectedCsv(@Named("hireload") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The file of load {@code loadId}, or empty when there is no such load. Whether the load exists
     * is asked here, before the answer starts, so a wrong id is a 404 and not an empty file.
     */
    public Optional<Writer> of(long loadId) {
        try (Connection c = dataSource.getConnection()) {
            if (!LoadRuns.exists(c, loadId)) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw DatabaseFailures.describe("list the rejected rows of load " + loadId, e);
        }
        return Optional.of(out -> write(loadId, out));
    }

    private void write(long loadId, OutputStream out) throws IOException {
        // The status line has gone by the time a row fails to arrive: all that is left is to cut
        // the answer short, so the client sees a broken transfer rather than a complete file.
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL's driver streams with a fetch size only inside a transaction.
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                copy(c, loadId, out);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "rejected rows of load " + loadId + " cut short", e);
            throw new IOException("the rejected rows of load " + loadId + " could not be read to the end", e);
        }
    }

    private static void copy(Connection c, long loadId, OutputStream out) throws SQLException, IOException {
        try (PreparedStatement select = c.prepareStatement(
                "select file, line, raw, reason from rejected_row where load_id = ? order by seq, id")) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, loadId);
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    printer.printRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                }
            }
            // Flushed, not closed: the container owns the answer's stream.
            printer.flush();
        }
    }
}
