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
 * <p>One buffer per batch, at most a batch of rows: a batch's rows are bounded by the line limit.
 */
public final class BinaryCopy {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0}; // no header extension
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final int NULL_LENGTH = -1;

    private byte[] bytes;
    private int size;

    /** A buffer sized for about {@code rows} rows of {@code bytesPerRow}. */
    public BinaryCopy(int rows, int bytesPerRow) {
        bytes = new byte[HEADER.length + Math.max(1, rows) * Math.max(8, bytesPerRow) + 2];
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        size = HEADER.length;
    }

    /** Starts a row of {@code fields} values. */
    public BinaryCopy row(int fields) {
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

    /**
     * COPYs the rows into {@code target} (a table with its column list, the columns in the order
     * the rows hold them) and answers how many. The rows are in memory, so an I/O error here is the
     * connection's: the driver says so with SQLState 08006, which {@link DatabaseFailures} reads.
     */
    public long send(Connection connection, String target) throws SQLException {
        room(2);
        bytes[size++] = (byte) 0xff; // the trailer: a field count of -1
        bytes[size++] = (byte) 0xff;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + target + " from stdin (format binary)");
        try {
            copy.writeToCopy(bytes, 0, size);
            return copy.endCopy();
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
