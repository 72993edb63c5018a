package io.hireload.load.engine;

import io.hireload.rows.Checked;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Rows gathered for one transaction, valid and rejected, in source order. Row {@code i} is row
 * {@code firstSeq + i} of its load, which orders rejected rows when batches commit side by side.
 * {@code lastLine} and {@code bytesDone} are where the source stands after this batch: the resume
 * point its transaction records. {@code previous} is the batch before it in the source: an S3
 * batch commits only after it, so the recorded resume point always has every line before it
 * committed.
 */
public final class Batch {
    final List<Checked> rows = new ArrayList<>();
    final long firstSeq;
    long skippedBlank;
    long bytesDone;
    /** Where the source stood after the previous batch, so the load's progress adds this batch's bytes once. */
    long bytesBefore;
    long lastLine;
    CompletableFuture<Void> previous;

    Batch(long firstSeq) {
        this.firstSeq = firstSeq;
    }

    boolean isEmpty() {
        return rows.isEmpty() && skippedBlank == 0;
    }

    /**
     * How long a batch, holding its rows' locks, waits for the batch before it to commit. A post of
     * the 1..1000-row API can wait on one of this batch's rows while the batch before waits on one
     * of the post's: PostgreSQL cannot see that circle (one of its edges is this wait, in the JVM),
     * so the batch gives its locks back instead (rolls back) and is written again.
     */
    private static final long PREVIOUS_WAIT_MILLIS = 3_000;

    /** Waits until the previous batch has committed; fails when it did not, so this one rolls back. */
    void awaitPrevious() {
        if (previous == null) {
            return;
        }
        try {
            previous.get(PREVIOUS_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PreviousBatchPending();
        } catch (ExecutionException | CancellationException e) {
            throw new PreviousBatchFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviousBatchFailed();
        }
    }

    /** The batch before this one has not committed yet: this one rolls back and is written again. */
    static final class PreviousBatchPending extends RuntimeException {
        PreviousBatchPending() {
            super("an earlier batch of this object has not committed yet", null, false, false);
        }
    }

    /** The batch before this one did not commit: committing this one would leave a gap. */
    static final class PreviousBatchFailed extends RuntimeException {
        PreviousBatchFailed() {
            super("an earlier batch of this object did not commit", null, false, false);
        }
    }
}
