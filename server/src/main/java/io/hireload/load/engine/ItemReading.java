package io.hireload.load.engine;

import io.hireload.load.queue.ClaimedItem;
import io.hireload.config.ConfigBeans;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.rows.CsvRowReader;
import io.hireload.rows.FieldCounts;
import io.hireload.rows.MalformedCsvException;
import io.hireload.rows.SourceRow;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.S3Failures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

/** One work item's object read into its load session, and what its failure means. */
public final class ItemReading {
    static final String MAX_LINE_BYTES = "HIRELOAD_MAX_LINE_BYTES";
    /** The most rows held while the first ones decide (blank lines among them are held too). */
    private static final int HELD_AT_MOST = 1000;

    private ItemReading() {
    }

    /** What an item's failure means for the operator: the database, S3, or our own fault. */
    static Failure failure(ClaimedItem item, RuntimeException e, String bucket, BooleanSupplier databaseDown) {
        if (e instanceof Failure known) {
            return known;
        }
        if (e instanceof CsvObjects.ObjectChanged changed) {
            return new Failure.Conflict("s3 object changed", changed.getMessage());
        }
        // The database first: its driver's I/O errors would otherwise read as an S3 read failure.
        Failure problem = DatabaseFailures.describe(e);
        if (problem == null) {
            problem = S3Failures.describe(e, bucket, item.object().key());
        }
        if (problem == null && databaseDown.getAsBoolean()) {
            // A batch cut off from the database does not always fail with the driver's SQLState:
            // the transaction manager can end its commit with an exception of its own. Nothing else
            // explains the failure and the database does not answer now: the database it is.
            problem = DatabaseFailures.describe(new SQLTransientConnectionException("the database does not answer", "08006", e));
        }
        if (problem == null) {
            problem = new Failure.Internal("load failed", "load " + item.loadId() + " of " + item.table().path()
                    + " failed on " + item.object().key() + " on the server's side; the batches before it are kept; "
                    + "the server's log has details; call the load again to continue it", e);
        }
        return problem;
    }

    /**
     * The object's content cannot be read past a line (a quote never closed, a gzip stream cut
     * short or damaged, a file of another table): the object fails alone, with this reason, which
     * names the file and the line; the load goes on with its other objects.
     */
    static final class Unreadable extends RuntimeException {
        Unreadable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The line limit of HIRELOAD_MAX_LINE_BYTES (default 64 KiB), checked against its bounds. */
    public static int maxLineBytes() {
        String value = ConfigBeans.of(LoadSettings.class).maxLineBytes().orElse(null);
        if (value == null) {
            return CsvRowReader.DEFAULT_MAX_LINE_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= CsvRowReader.MIN_MAX_LINE_BYTES && bytes <= CsvRowReader.MAX_MAX_LINE_BYTES) {
                return (int) bytes;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Failure.Misconfigured(MAX_LINE_BYTES + " must be a number of bytes from " + CsvRowReader.MIN_MAX_LINE_BYTES
                + " to " + CsvRowReader.MAX_MAX_LINE_BYTES + ", not '" + value + "'");
    }

    /**
     * Whether a retry fixes it by itself: the database away (its connection cut, the session ended
     * under a frozen process) or writers that kept meeting this one. Such an item goes back to the
     * queue and its load continues; a bad file, a changed object, S3 refusing, a full disk or our
     * own fault fail it.
     */
    static boolean passing(Failure problem) {
        return problem instanceof Failure.Busy
                || problem instanceof Failure.Unavailable && DatabaseFailures.unreachable(problem);
    }

    /**
     * Reads the item's object, gzipped or not, from its start: rows an earlier attempt committed
     * are replayed (they rebuild the duplicate-id check and the header; nothing is written or
     * counted twice), the rest go to batches. Progress counts the bytes as stored. The first rows
     * are held until they show the file is of this table ({@link FieldCounts}), so a file of
     * another table writes nothing. Content that cannot be read fails the object with
     * {@link Unreadable}, after the rows before it are written.
     */
    static void read(LoadSession session, ClaimedItem item, CsvObjects objects) {
        int maxLineBytes = maxLineBytes();
        read(session, item, objects.open(item.object()), maxLineBytes);
    }

    /** {@link #read(LoadSession, ClaimedItem, CsvObjects)} of the object's bytes as stored, which it closes. */
    static void read(LoadSession session, ClaimedItem item, InputStream stored, int maxLineBytes) {
        session.startSource();
        session.resumeAfter(item.line(), item.byteOffset());
        long resumeAfter = item.line();
        String key = item.object().key();
        try (CountingInputStream counted = new CountingInputStream(stored);
             CsvRowReader reader = new CsvRowReader(item.object().gzipped() ? new LazyGunzip(counted) : counted, key,
                     item.delimiter(), maxLineBytes)) {
            List<SourceRow> first = new ArrayList<>();
            int sampled = 0;
            while (true) {
                SourceRow row;
                try {
                    row = next(reader, key, item.object().gzipped());
                } catch (Unreadable e) {
                    if (first != null) {
                        // The rows before the break are the file's, whatever broke it: judged and written.
                        decide(session, item, first, resumeAfter);
                    }
                    throw e;
                }
                if (first != null && (row == null || sampled == FieldCounts.SAMPLE || first.size() >= HELD_AT_MOST)) {
                    decide(session, item, first, resumeAfter);
                    first = null;
                }
                if (row == null) {
                    return;
                }
                session.bytesDone(counted.count());
                if (first != null) {
                    first.add(row);
                    sampled += FieldCounts.counts(row) ? 1 : 0;
                } else {
                    feed(session, row, resumeAfter);
                }
            }
        } catch (Unreadable e) {
            session.finish(false);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + ": " + e.getMessage(), e);
        }
    }

    /** The next row; what breaks the content (not S3: {@link CountingInputStream} tells those) as {@link Unreadable}. */
    private static SourceRow next(CsvRowReader reader, String key, boolean gzipped) {
        try {
            return reader.next();
        } catch (MalformedCsvException e) {
            throw new Unreadable(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e instanceof CountingInputStream.SourceFailed) {
                throw e;
            }
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            String what = gzipped && reader.line() == 1 && cause != null && cause.contains("Not in GZIP format")
                    ? "the file is named .gz but is not gzip-compressed (name it .csv, or compress it)"
                    : gzipped ? "the gzip stream is cut short or damaged here (" + cause + ")"
                    : "the file cannot be read here (" + cause + ")";
            throw new Unreadable(key + " line " + reader.line() + ": " + what + "; the rest of the file was not read", e);
        }
    }

    /** The first rows, held: a file of another table fails whole, any other file's rows go on to batches. */
    private static void decide(LoadSession session, ClaimedItem item, List<SourceRow> first, long resumeAfter) {
        String mismatch = FieldCounts.mismatch(item.table(), first);
        if (mismatch != null) {
            throw new Unreadable(mismatch, null);
        }
        for (SourceRow held : first) {
            feed(session, held, resumeAfter);
        }
    }

    private static void feed(LoadSession session, SourceRow row, long resumeAfter) {
        if (row.line() <= resumeAfter) {
            session.replay(row);
        } else {
            session.accept(row);
        }
    }

    /**
     * A gzip stream opened on its first read, so a body that is not gzip at all fails where the
     * reader reads its first line (and says which), not before.
     */
    private static final class LazyGunzip extends InputStream {
        private final InputStream compressed;
        private InputStream plain;

        LazyGunzip(InputStream compressed) {
            this.compressed = compressed;
        }

        private InputStream plain() throws IOException {
            if (plain == null) {
                plain = new GZIPInputStream(compressed, 1 << 16);
            }
            return plain;
        }

        @Override
        public int read() throws IOException {
            return plain().read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return plain().read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            compressed.close();
        }
    }
}
