package io.hireload.load;

import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.rows.CsvRowReader;
import io.hireload.rows.MalformedCsvException;
import io.hireload.rows.SourceRow;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.S3Failures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLTransientConnectionException;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

/** One work item's object read into its load session, and what its failure means. */
final class ItemReading {
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
     * counted twice), the rest go to batches. Progress counts the bytes as stored.
     */
    static void read(LoadSession session, ClaimedItem item, CsvObjects objects) {
        session.startSource();
        session.resumeAfter(item.line(), item.byteOffset());
        long resumeAfter = item.line();
        try (CountingInputStream counted = new CountingInputStream(objects.open(item.object()));
             InputStream in = item.object().gzipped() ? new GZIPInputStream(counted, 1 << 16) : counted;
             CsvRowReader reader = new CsvRowReader(in, item.object().key(), item.delimiter())) {
            while (true) {
                SourceRow row;
                try {
                    row = reader.next();
                } catch (MalformedCsvException e) {
                    if (e.row().line() > resumeAfter) {
                        session.reject(e.row(), e.getMessage());
                    }
                    return;
                }
                if (row == null) {
                    return;
                }
                session.bytesDone(counted.count());
                if (row.line() <= resumeAfter) {
                    session.replay(row);
                } else {
                    session.accept(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + item.object().key() + ": " + e.getMessage(), e);
        }
    }
}
