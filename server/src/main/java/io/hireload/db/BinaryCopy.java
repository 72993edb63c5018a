package io.hireload.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows handed to PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}: the loads' batches and
 * their rejected rows. Binary because the text formats cost twice: the JVM formatted every instant
 * and quoted every name, and PostgreSQL parsed them back (a quarter of a bulk load's CPU, profiled
 * with JFR and perf: docs/PERFORMANCE.md). A value's bytes are its type's binary form: a 4-byte
 * integer, UTF-8 text, microseconds since 2000-01-01 UTC. Text is checked by PostgreSQL as the
 * text format's is (encoding, a NUL, a column's length), so a value refused is refused the same way.
 *
 * <p>The rows go in statements of at most {@link #ROWS_PER_STATEMENT}, each sent as soon as it is
 * full: one buffer of that many rows, each row bounded by the line limit.
 */
public final class BinaryCopy {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0}; // no header extension
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final int NULL_LENGTH = -1;

    /**
     * The most rows one COPY statement carries. PostgreSQL 15's COPY gives each row it buffers
     * (up to 1000) a slot of its own, and its resource owner finds room for the slots' one shared
     * tuple descriptor by probing past every earlier one: a cost that grows with the square of
     * the rows per statement. At 1000 rows it was a sixth of the database's CPU in a bulk load
     * (perf, docs/PERFORMANCE.md); statements of 250 rows pay a quarter of it, for three more
     * round trips a batch.
     */
    public static final int ROWS_PER_STATEMENT = 250;

    private final Connection connection;
    private final String target;
    private byte[] bytes;
    private int size;
    private int rows;

    /**
     * Rows for {@code target} (a table with its column list, the columns in the order the rows
     * hold them), a buffer sized for rows of about {@code bytesPerRow}; {@link #finish()} sends the last.
     */
    public BinaryCopy(Connection connection, String target, int bytesPerRow) {
        this.connection = connection;
        this.target = target;
        bytes = new byte[HEADER.length + ROWS_PER_STATEMENT * Math.max(8, bytesPerRow) + 2];
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        size = HEADER.length;
    }

    /** Starts a row of {@code fields} values, sending the rows before it when they fill a statement. */
    public BinaryCopy row(int fields) throws SQLException {
        if (rows == ROWS_PER_STATEMENT) {
            send();
        }
        rows++;
        room(2);
        bytes[size++] = (byte) (fields >>> 8);
        bytes[size++] = (byte) fields;
        return this;
    }

    public BinaryCopy int4(int value) {
        room(8);
        putInt(4);
        putInt(value);
        return this;
    }

    public BinaryCopy int8(long value) {
        room(12);
        putInt(8);
        putInt((int) (value >>> 32));
        putInt((int) value);
        return this;
    }

    public BinaryCopy text(String value) {
        if (value == null) {
            room(4);
            putInt(NULL_LENGTH);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(4 + utf8.length);
        putInt(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /**
     * A {@code timestamptz} in microseconds. The data rules allow at most six fraction digits; a
     * finer instant is rounded to the nearest microsecond, as PostgreSQL rounds the text form.
     */
    public BinaryCopy timestamptz(Instant value) {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                (value.getNano() + 500) / 1_000);
        return int8(micros);
    }

    /** Sends the rows not sent yet. */
    public void finish() throws SQLException {
        if (rows > 0) {
            send();
        }
    }

    /**
     * COPYs the buffered rows and empties the buffer. The rows are in memory, so an I/O error here
     * is the connection's: the driver says so with SQLState 08006, which {@link DatabaseFailures} reads.
     */
    private void send() throws SQLException {
        room(2);
        bytes[size++] = (byte) 0xff; // the trailer: a field count of -1
        bytes[size++] = (byte) 0xff;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + target + " from stdin (format binary)");
        try {
            copy.writeToCopy(bytes, 0, size);
            copy.endCopy();
        } catch (SQLException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
        size = HEADER.length;
        rows = 0;
    }

    private void putInt(int value) {
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
