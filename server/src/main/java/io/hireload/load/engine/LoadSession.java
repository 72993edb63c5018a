package io.hireload.load.engine;

import io.hireload.load.write.StagedUpsert;
import io.hireload.metrics.MetricsCompactor;
import io.hireload.db.DatabaseFailures;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import io.hireload.rows.Columns;
import io.hireload.rows.DuplicateIds;
import io.hireload.rows.RowRules;
import io.hireload.rows.SourceRow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The rows of one load on their way to the database: checked by the data rules, duplicates
 * caught, gathered into batches of {@code batchSize} rows, each written in its own transaction.
 * The S3 loader and the 1..1000-row API both feed rows through here, so there is one validator.
 * Up to {@code parallel} batches are written side by side while the next one is read; their ids are
 * disjoint (duplicates never reach a batch), so they never wait for each other's rows. An S3
 * batch commits only after the batch before it ({@link Batch#awaitPrevious}), so the resume point
 * each commit records has every line before it committed too.
 */
public final class LoadSession {
    /**
     * How often a batch meeting other writers is written before it gives up: with the backoff
     * below, about five seconds of trying. Writes in id order and the merge on a taken id
     * (StagedUpsert) leave little to retry; this absorbs the rest.
     */
    static final int ATTEMPTS = 10;
    private static final long FIRST_PAUSE_MILLIS = 20;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;

    /** Where a session's batches go; each call is one transaction, retried whole when the database asks. */
    @FunctionalInterface
    public interface BatchTarget {
        void write(Batch batch);
    }

    private final TableName table;
    private final int batchSize;
    private final boolean dryRun;
    private final BatchTarget target;
    private final MetricsCompactor compactor;
    private final Executor writers;
    private final BooleanSupplier stopping;
    private final Semaphore inFlight;
    private final List<CompletableFuture<Void>> written = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final DuplicateIds seen = new DuplicateIds();
    private long nextSeq;
    private Batch batch = new Batch(0);
    private boolean expectHeader;
    /** The last batch submitted, which the next one commits after. */
    private CompletableFuture<Void> lastCommitted;
    private long bytesSubmitted;
    /** Told every {@link #PROGRESS_ROWS} rows read, so a lease is renewed only while rows move. */
    private Runnable progress = () -> { };
    private int sinceProgress;
    private static final int PROGRESS_ROWS = 1024;

    public LoadSession(TableName table, int batchSize, boolean dryRun, int parallel, BatchTarget target,
                MetricsCompactor compactor, Executor writers, BooleanSupplier stopping) {
        this.table = table;
        this.batchSize = batchSize;
        this.dryRun = dryRun;
        this.target = target;
        this.compactor = compactor;
        this.writers = writers;
        this.stopping = stopping;
        this.inFlight = new Semaphore(parallel);
    }

    /** {@code progress} runs every few rows read (replayed, accepted or rejected), on the reading thread. */
    void onProgress(Runnable progress) {
        this.progress = progress;
    }

    private void rowSeen() {
        if (++sinceProgress >= PROGRESS_ROWS) {
            sinceProgress = 0;
            progress.run();
        }
    }

    /** A new CSV source begins: its first non-blank row may be a header. */
    public void startSource() {
        expectHeader = true;
    }

    /**
     * The source continues after {@code line}, which an earlier attempt committed with
     * {@code bytes} of the source read; rows up to there are {@link #replay replayed}.
     */
    void resumeAfter(long line, long bytes) {
        batch.lastLine = line;
        batch.bytesDone = bytes;
        bytesSubmitted = bytes;
    }

    /**
     * A row an earlier attempt already committed: it rebuilds what later rows are checked
     * against (the header, the ids seen) and is neither written nor counted.
     */
    void replay(SourceRow row) {
        rowSeen();
        if (row.blank()) {
            return;
        }
        if (expectHeader) {
            expectHeader = false;
            if (Columns.isHeader(table, row.fields())) {
                return;
            }
        }
        if (RowRules.check(table, row) instanceof Checked.Valid valid) {
            seen.firstSeen(valid.id(), row);
        }
    }

    public void accept(SourceRow row) {
        rowSeen();
        batch.lastLine = row.line();
        if (row.blank()) {
            batch.skippedBlank++;
            return;
        }
        if (expectHeader) {
            expectHeader = false;
            if (Columns.isHeader(table, row.fields())) {
                return;
            }
        }
        Checked checked = RowRules.check(table, row);
        if (checked instanceof Checked.Valid valid) {
            String first = seen.firstSeen(valid.id(), row);
            if (first != null) {
                checked = new Checked.Rejected(row, "duplicate id " + valid.id() + ", first seen at " + first);
            }
        }
        add(checked);
    }

    /** A row that could not even be split into fields. */
    public void reject(SourceRow row, String reason) {
        rowSeen();
        batch.lastLine = row.line();
        add(new Checked.Rejected(row, reason));
    }

    void bytesDone(long bytes) {
        batch.bytesDone = bytes;
    }

    /**
     * Writes what is left and waits for every batch; rethrows the first failure. With
     * {@code always}, an empty last batch is written too, so the target sees at least one.
     */
    public void finish(boolean always) {
        submit(always);
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
        throwIfFailed();
    }

    private void add(Checked checked) {
        batch.rows.add(checked);
        if (batch.rows.size() >= batchSize) {
            submit(false);
        }
    }

    /**
     * After a failure: waits until no batch of this session is being written, so the load is
     * reported only once its counters are final. Each batch is one bounded transaction, and
     * batches not yet begun are skipped once the session has failed or the server stops.
     */
    void settle() {
        for (CompletableFuture<Void> future : written) {
            try {
                future.join();
            } catch (RuntimeException ignored) {
                // the first failure is the one the caller reports
            }
        }
    }

    private void submit(boolean evenIfEmpty) {
        throwIfFailed();
        if (stopping.getAsBoolean()) {
            throw new LoadStopped();
        }
        if (batch.isEmpty() && !(evenIfEmpty && written.isEmpty())) {
            return;
        }
        Batch full = batch;
        nextSeq += full.rows.size();
        batch = new Batch(nextSeq);
        batch.bytesDone = full.bytesDone;
        batch.lastLine = full.lastLine;
        full.bytesBefore = bytesSubmitted;
        bytesSubmitted = Math.max(bytesSubmitted, full.bytesDone);
        full.previous = lastCommitted;
        CompletableFuture<Void> committed = new CompletableFuture<>();
        lastCommitted = committed;
        inFlight.acquireUninterruptibly();
        written.add(CompletableFuture.runAsync(() -> {
            try {
                if (failure.get() != null || stopping.getAsBoolean()) {
                    committed.completeExceptionally(new LoadStopped());
                    return;
                }
                writeWithRetry(full);
                committed.complete(null);
            } catch (Throwable t) {
                // Whatever ends the batch (an Error, or a checked exception the transaction
                // interceptor rethrows unchecked) must complete its future: the batches after it
                // wait on it, and the worker waits on them.
                RuntimeException e = t instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(t.getMessage()), t);
                failure.compareAndSet(null, e);
                committed.completeExceptionally(e);
            } finally {
                inFlight.release();
            }
        }, writers));
    }

    /**
     * Deadlocks, serialization failures and locks not granted in time are the database asking for
     * a retry; so is a unique violation, when another writer committed one of the batch's ids
     * between two of its statements: the retry sees the row. Retried with a growing, jittered
     * pause, so writers that met do not meet again at once; when every attempt met another writer
     * the batch fails as busy ({@link DatabaseFailures#contended}), never with the driver's words.
     * Other failures are not retried.
     */
    private void writeWithRetry(Batch full) {
        for (int attempt = 1; ; attempt++) {
            try {
                target.write(full);
                if (table == TableName.EMPLOYEES && !dryRun) {
                    compactor.soon();
                }
                return;
            } catch (RuntimeException e) {
                if (pendingPrevious(e) && failure.get() == null && !stopping.getAsBoolean()) {
                    // Not a failure: the batch before is still writing; this one waited with its
                    // locks given back, and tries again (as often as that takes).
                    attempt--;
                    continue;
                }
                if (!retryable(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS || stopping.getAsBoolean()) {
                    throw DatabaseFailures.contended(attempt, e);
                }
                try {
                    Thread.sleep(pause(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Doubling from 20 ms up to a second, each drawn between half and all of that. */
    static long pause(int attempt) {
        long ceiling = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 16));
        return ceiling / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private static boolean pendingPrevious(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Batch.PreviousBatchPending) {
                return true;
            }
        }
        return false;
    }

    static boolean retryable(Throwable e) {
        return DatabaseFailures.contention(e);
    }

    /** The server is stopping: the load ends here, its committed batches kept. */
    static final class LoadStopped extends RuntimeException {
        LoadStopped() {
            super("the server is stopping", null, false, false);
        }
    }
}
