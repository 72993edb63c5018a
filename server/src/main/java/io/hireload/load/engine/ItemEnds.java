package io.hireload.load.engine;

import io.hireload.db.DatabaseProbe;
import io.hireload.failure.Failure;
import io.hireload.load.indexes.Rebuilds;
import io.hireload.load.queue.ClaimedItem;
import io.hireload.load.queue.LoadCancels;
import io.hireload.load.queue.LoadItems;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.S3Failures;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How an item ended early, recorded in the queue: cancelled, taken over, failed alone on its content,
 * back in the queue for a passing reason, or failing its load; retried while the database is away.
 */
final class ItemEnds {
    private static final Logger LOG = Logger.getLogger(ItemEnds.class.getName());
    /** How long a failure is retried into the database before the lease is left to expire. */
    private static final Duration RECORD_FAILURE_FOR = Duration.ofSeconds(30);
    /** How many claims of one object may end in a broken S3 read before it fails its load. */
    static final int READS_PER_OBJECT = 10;

    private final LoadItems items;
    private final LoadCancels cancels;
    private final Rebuilds rebuilds;
    private final CsvObjects objects;
    private final DatabaseProbe database;
    private final LoadOutcomes outcomes;
    private final BooleanSupplier stopping;
    private final int leaseSeconds;
    private final String instance;

    ItemEnds(LoadItems items, LoadCancels cancels, Rebuilds rebuilds, CsvObjects objects, DatabaseProbe database,
             LoadOutcomes outcomes, BooleanSupplier stopping, int leaseSeconds, String instance) {
        this.items = items;
        this.cancels = cancels;
        this.rebuilds = rebuilds;
        this.objects = objects;
        this.database = database;
        this.outcomes = outcomes;
        this.stopping = stopping;
        this.leaseSeconds = leaseSeconds;
        this.instance = instance;
    }

    /**
     * Records how an item ended early; its worker no longer holds it. Whatever stopped it, the item
     * may have been taken over meanwhile (this process was frozen, or cut off, past its lease):
     * every record is guarded by the claim, and a worker whose record finds the claim gone says
     * so; it never calls the load failed, which another instance is finishing.
     */
    void ended(HeldItems.Held h, Throwable e) {
        ClaimedItem item = h.item;
        boolean stopped = e instanceof LoadSession.LoadStopped;
        if (h.cancelled() && !h.lost && stopped) {
            LOG.info(() -> "load " + item.loadId() + ": " + item.object().key() + " stopped for the cancel, "
                    + "its batches in flight committed");
            recordCancel(item);
            settle(item);
            return;
        }
        if (h.lost || e instanceof BatchWriter.ClaimLost) {
            // The heartbeat or a batch found the claim gone: taken over, or the load ended.
            taken(item);
            return;
        }
        if (h.stalled && stopped) {
            // Its batches have settled: back in the queue now rather than when the lease runs out.
            handBack(item, "it made no progress for " + leaseSeconds + " s", null);
            return;
        }
        if (stopped) {
            if (record(item, "the load ended before this object was finished", false) == Recorded.NOT_MINE) {
                taken(item);
                return;
            }
            settle(item);
            return;
        }
        if (e instanceof ItemReading.Unreadable unreadable) {
            // The file's content, not the engine: this object fails alone and the load goes on.
            if (record(item, unreadable.getMessage(), false) == Recorded.NOT_MINE) {
                taken(item);
                return;
            }
            LOG.warning(() -> "load " + item.loadId() + " of " + item.table().path() + ": " + unreadable.getMessage());
            settle(item);
            return;
        }
        Failure problem = e instanceof RuntimeException failure
                ? ItemReading.failure(item, failure, objects.bucket(), () -> !database.check().up())
                : died(item, e);
        if (ItemReading.passing(problem)) {
            // Passing (the database away, writers that kept meeting): back in the queue, the load
            // runs on, and a synchronous caller hears so now (503, where to follow it).
            outcomes.interrupted(item.loadId(), problem);
            handBack(item, problem.getMessage(), problem.getCause());
            return;
        }
        if (readAgain(item, problem)) {
            // A read cut off heals on the next read: a synchronous caller waits for the load's end
            // (it is not told the database went away).
            handBack(item, problem.getMessage(), problem.getCause());
            return;
        }
        // Known to a synchronous caller before the load reads failed, so it answers with this
        // failure; recorded before it is logged: what woke a frozen worker (a read cut off, its
        // transaction reaped) fails nothing when another instance holds the item by now.
        outcomes.failed(item.loadId(), problem);
        if (record(item, problem.getMessage(), true) == Recorded.NOT_MINE) {
            outcomes.failure(item.loadId());
            LOG.log(Level.FINE, "load " + item.loadId() + ": what stopped " + item.object().key() + " here", e);
            taken(item);
            return;
        }
        LOG.log(e instanceof Error ? Level.SEVERE : Level.WARNING, "load " + item.loadId() + " of "
                + item.table().path() + " failed on " + item.object().key(), e);
        settle(item);
    }

    /**
     * An S3 read that broke off mid-object (a cut connection, a stalled stream) is read again from
     * the last committed line, like any passing failure, up to {@link #READS_PER_OBJECT} claims of
     * the object: an object that breaks every time fails its load rather than loop.
     */
    private static boolean readAgain(ClaimedItem item, Failure problem) {
        return S3Failures.readBrokeOff(problem) && item.claim() < READS_PER_OBJECT;
    }

    /** Says that another instance holds the item now (or its load ended): the load did not fail. */
    void taken(ClaimedItem item) {
        LOG.warning(() -> "load " + item.loadId() + ": " + item.object().key() + " is no longer this instance's: "
                + "its claim was taken by another instance (or the load ended) while this one was away or stalled; "
                + "its batches not yet committed were dropped; the load goes on there and did not fail");
    }

    /** When the item was its load's last, the load's set-aside indexes come back now (any end), then it ends. */
    void settle(ClaimedItem item) {
        try {
            if (!item.dryRun()) {
                rebuilds.afterObject(item.loadId());
            }
            items.finishIfDone(item.loadId());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "load " + item.loadId() + " settles at the next index sweep: " + e.getMessage(), e);
        }
    }

    /** Why an item failed when its worker met an Error (the heap ran out, a class would not load). */
    private static Failure died(ClaimedItem item, Throwable e) {
        String what = e instanceof OutOfMemoryError ? "the server ran out of memory (" + e + ")" : "of " + e;
        return new Failure.Internal("load failed", "load " + item.loadId() + " of " + item.table().path()
                + " failed on " + item.object().key() + ": its worker stopped because " + what
                + "; the batches before it are kept; the server's log has details", e);
    }

    /** Marks a cancelled item, and its load when it was the last being written, retrying while the database is away. */
    private void recordCancel(ClaimedItem item) {
        // Unrecorded, its lease runs out, and the heartbeat sweep of any instance ends it cancelled.
        retrying(() -> {
            cancels.cancelled(item);
            return true;
        }, "could not record the cancel of load " + item.loadId());
    }

    /**
     * Puts an item that stopped for a passing reason back in the queue at its last committed line,
     * trying until the database takes it (whatever the outage's length) or the server stops; its
     * load goes on running, and any instance continues it. A process that finds the item taken
     * over meanwhile (it was frozen, or cut off past its lease) says so: the load did not fail.
     */
    private void handBack(ClaimedItem item, String why, Throwable cause) {
        LOG.log(Level.WARNING, "load " + item.loadId() + ": " + item.object().key() + " stopped on " + instance
                + " (" + why + "); it goes back to the queue after its last committed line", cause);
        while (!stopping.getAsBoolean()) {
            try {
                if (items.requeue(item)) {
                    LOG.info(() -> "load " + item.loadId() + ": " + item.object().key() + " is back in the queue");
                } else {
                    taken(item);
                }
                return;
            } catch (RuntimeException stillAway) {
                sleepQuietly(1000);
            }
        }
    }

    /** What {@link #record} achieved. */
    private enum Recorded { RECORDED, NOT_MINE, UNRECORDED }

    /** Marks the item (and its load) failed while the claim is still this worker's, retrying while the database is away. */
    private Recorded record(ClaimedItem item, String error, boolean failLoad) {
        // Unrecorded, its lease expires and another worker continues it where it stopped.
        Boolean mine = retrying(() -> items.fail(item, error, failLoad), "could not record the end of load " + item.loadId());
        return mine == null ? Recorded.UNRECORDED : mine ? Recorded.RECORDED : Recorded.NOT_MINE;
    }

    /** The step's answer, or null when the database did not take it in time (or the server stops). */
    private <T> T retrying(Supplier<T> step, String unrecordedWarning) {
        long end = System.nanoTime() + RECORD_FAILURE_FOR.toNanos();
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException unrecorded) {
                if (stopping.getAsBoolean() || System.nanoTime() > end) {
                    LOG.log(Level.WARNING, unrecordedWarning + ": " + unrecorded.getMessage());
                    return null;
                }
                sleepQuietly(500);
            }
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
