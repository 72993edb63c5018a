package io.hireload.load.engine;

import io.hireload.load.queue.ClaimedItem;
import io.hireload.load.queue.ItemLeases;
import io.hireload.load.queue.LoadItems;
import io.hireload.load.queue.LoadLeases;
import io.hireload.load.queue.LoadRuns;
import io.hireload.load.queue.Workers;
import io.hireload.metrics.MetricsCompactor;
import io.hireload.background.Background;
import io.hireload.background.Daemon;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.config.InstanceId;
import io.hireload.db.DatabaseProbe;
import io.hireload.load.indexes.Rebuilds;
import io.hireload.load.indexes.SetAside;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import io.hireload.failure.Failure;
import io.hireload.observe.LogFormat;
import io.helidon.logging.common.HelidonMdc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's share of the loads: a few worker threads that claim work items of any load,
 * whoever accepted it, read each item's object from S3 and write it batch by batch. Idle workers
 * sleep until woken: by this instance's own new loads, by {@link io.hireload.load.queue.LoadSignals} when another instance
 * queues work, and by a slow poll as a safety net.
 */
@ApplicationScoped
@InStage(Stage.WORKERS)
public class LoadWorkers implements Workers, Part {
    private static final Logger LOG = Logger.getLogger(LoadWorkers.class.getName());
    /** How long a stop waits for the batches in flight before it hands the items on. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    /** How long a failure is retried into the database before the lease is left to expire. */
    private static final Duration RECORD_FAILURE_FOR = Duration.ofSeconds(30);

    private final LoadItems items;
    private final ItemLeases leases;
    private final CsvObjects objects;
    private final BatchWriter writer;
    private final MetricsCompactor compactor;
    private final DatabaseProbe database;
    private final SetAside setAside;
    private final Rebuilds rebuilds;
    private final int parallelBatches;
    private final int workerCount;
    private final int leaseSeconds;
    private final long pollMillis;
    private final String instance = InstanceId.get();

    /** The items this instance works, by id, for the lease heartbeat. */
    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    /**
     * Why loads failed here, for a synchronous caller on this instance to answer with (an
     * asynchronous load's entry stays until the server stops: one small entry per failed load).
     */
    private final Map<Long, Failure> failures = new ConcurrentHashMap<>();
    /** Loads whose object stopped here for a passing reason and went back to the queue, for a synchronous caller. */
    private final Map<Long, Failure> interruptions = new ConcurrentHashMap<>();
    private final Object wakeUp = new Object();
    private boolean signalled;
    private final Object changed = new Object();
    private volatile boolean stopping;
    private final AtomicInteger active = new AtomicInteger();
    private final List<Daemon> threads = new ArrayList<>();
    private final ExecutorService batchWriters;

    /**
     * Loads being cancelled, by id, with when this instance heard of it: a cancel heard before its
     * worker registered the item still stops it. Pruned after {@link #CANCELS_KEPT}.
     */
    private final Map<Long, Long> cancelledLoads = new ConcurrentHashMap<>();
    private static final Duration CANCELS_KEPT = Duration.ofMinutes(10);

    /** An item this instance works, and what its worker must know while it writes it. */
    final class Held {
        final ClaimedItem item;
        /** The heartbeat found it taken over, or its load ended. */
        volatile boolean lost;
        /** Its load is being cancelled: no new batch, the batches in flight commit. */
        volatile boolean cancelled;
        /** Its worker made no progress for a lease: its lease is left to run out, and another takes it over. */
        volatile boolean stalled;
        /** When its worker last read rows or committed a batch ({@link System#nanoTime()}). */
        volatile long progressAt = System.nanoTime();

        Held(ClaimedItem item) {
            this.item = item;
        }

        void progressed() {
            progressAt = System.nanoTime();
        }

        boolean cancelled() {
            return cancelled || cancelledLoads.containsKey(item.loadId());
        }

        /** Whether its worker must start no new batch. */
        boolean mustStop() {
            return stopping || lost || stalled || cancelled();
        }
    }

    @Inject
    public LoadWorkers(LoadItems items, ItemLeases leases, CsvObjects objects, BatchWriter writer, MetricsCompactor compactor,
                       DatabaseProbe database, SetAside setAside, Rebuilds rebuilds, Background background,
                       @ConfigProperty(name = "hireload.load.parallel-batches", defaultValue = "3") int parallelBatches,
                       @ConfigProperty(name = "hireload.load.workers", defaultValue = "2") int workers,
                       @ConfigProperty(name = "hireload.lease.beat-seconds", defaultValue = "" + LoadLeases.BEAT_SECONDS) int beatSeconds,
                       @ConfigProperty(name = "hireload.lease.expiry-seconds", defaultValue = "" + LoadLeases.EXPIRY_SECONDS) int expirySeconds,
                       @ConfigProperty(name = "hireload.load.poll-seconds", defaultValue = "30") int pollSeconds) {
        this.items = items;
        this.leases = leases;
        this.objects = objects;
        this.writer = writer;
        this.compactor = compactor;
        this.database = database;
        this.setAside = setAside;
        this.rebuilds = rebuilds;
        this.parallelBatches = Math.max(1, Math.min(parallelBatches, 8));
        this.workerCount = Math.max(1, Math.min(workers, 16));
        this.leaseSeconds = LoadLeases.expiry(beatSeconds, expirySeconds);
        this.pollMillis = Math.max(1, pollSeconds) * 1000L;
        this.batchWriters = background.pool("hireload-batch", Math.max(8, this.workerCount * this.parallelBatches), Stage.WORKERS);
        for (int i = 0; i < workerCount; i++) {
            threads.add(background.loop("hireload-load-" + (i + 1), Stage.WORKERS));
        }
    }

    /** Starts the workers once the application (and its schema) is up and the server listens (background.Lifecycle). */
    @Override
    public void start() {
        threads.forEach(thread -> thread.start(this::work));
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public int leaseSeconds() {
        return leaseSeconds;
    }

    /** Work may be waiting: idle workers look now. */
    @Override
    public void wake() {
        synchronized (wakeUp) {
            signalled = true;
            wakeUp.notifyAll();
        }
    }

    /** The failure a load met on this instance, if it met one here; answered once. */
    public Optional<Failure> failure(long loadId) {
        return Optional.ofNullable(failures.remove(loadId));
    }

    /** Why a load's object stopped here and went back to the queue, if it did; answered once. */
    public Optional<Failure> interruption(long loadId) {
        return Optional.ofNullable(interruptions.remove(loadId));
    }

    /** Waits until an item here ended or {@code millis} passed, whichever is first. */
    public void awaitChange(long millis) throws InterruptedException {
        synchronized (changed) {
            changed.wait(millis);
        }
    }

    private void changed() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** Item id to claim, of the items this instance works. */
    Map<Long, Long> heldClaims() {
        Map<Long, Long> claims = new HashMap<>();
        held.forEach((id, h) -> claims.put(id, h.item.claim()));
        return claims;
    }

    /**
     * Item id to claim, of the items whose workers read rows or committed a batch within a lease:
     * the heartbeat renews only these. A worker stuck that long (a read that never returns, a
     * thread starved) gives its item up: its lease runs out and any instance takes the item over
     * after its last committed line, while the stuck worker, should it wake, starts no new batch
     * (and the claim fences any it had begun).
     */
    @Override
    public Map<Long, Long> progressingClaims() {
        long now = System.nanoTime();
        long window = Duration.ofSeconds(leaseSeconds).toNanos();
        Map<Long, Long> claims = new HashMap<>();
        held.forEach((id, h) -> {
            if (now - h.progressAt < window && !h.stalled) {
                claims.put(id, h.item.claim());
            } else if (!h.stalled) {
                h.stalled = true;
                LOG.warning(() -> "load " + h.item.loadId() + ": " + h.item.object().key() + " made no progress for "
                        + leaseSeconds + " s; its lease is left to run out and another worker takes it over");
            }
        });
        return claims;
    }

    /**
     * Load {@code loadId} is being cancelled (heard through {@link io.hireload.load.queue.LoadSignals}, or cancelled here):
     * its workers on this instance start no new batch, let those in flight commit, and end their
     * items {@code cancelled}.
     */
    @Override
    public void cancel(long loadId) {
        long now = System.nanoTime();
        cancelledLoads.values().removeIf(heard -> now - heard > CANCELS_KEPT.toNanos());
        if (cancelledLoads.putIfAbsent(loadId, now) == null) {
            held.values().stream().filter(h -> h.item.loadId() == loadId).forEach(h -> {
                h.cancelled = true;
                LOG.info(() -> "load " + loadId + ": cancel heard; " + h.item.object().key()
                        + " stops after its batches in flight");
            });
        }
    }

    /** The heartbeat found these items' loads being cancelled (a cancel this instance may not have heard). */
    @Override
    public void cancelRequested(Set<Long> itemIds) {
        for (Long id : itemIds) {
            Held h = held.get(id);
            if (h != null) {
                h.cancelled = true;
            }
        }
    }

    /** The heartbeat found these items no longer this instance's: their workers stop. */
    @Override
    public void lost(Set<Long> itemIds) {
        for (Long id : itemIds) {
            Held h = held.get(id);
            if (h != null) {
                h.lost = true;
                LOG.warning(() -> "item " + id + " (" + h.item.object().key() + " of load " + h.item.loadId()
                        + ") is no longer this instance's; its worker stops");
            }
        }
    }

    private void work() {
        while (!stopping) {
            try {
                items.promote();
                Optional<ClaimedItem> claimed = stopping ? Optional.empty() : items.claim(instance, leaseSeconds);
                if (claimed.isPresent()) {
                    run(claimed.get());
                    continue;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "load worker: " + e.getMessage(), e);
                sleepQuietly(1000);
            } catch (Throwable e) {
                // A worker thread outlives whatever it met, or the instance would stop loading unseen.
                LOG.log(Level.SEVERE, "load worker: " + e, e);
                sleepQuietly(1000);
            }
            synchronized (wakeUp) {
                if (!signalled && !stopping) {
                    try {
                        wakeUp.wait(pollMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                signalled = false;
            }
        }
    }

    /** Works one item to its end, or until it fails, is taken over, or the server stops. */
    private void run(ClaimedItem item) {
        Held h = new Held(item);
        held.put(item.itemId(), h);
        active.incrementAndGet();
        LoadSession session = new LoadSession(item.table(), item.batchSize(), item.dryRun(), parallelBatches,
                batch -> {
                    writer.write(item, batch);
                    h.progressed();
                }, compactor, batchWriters, h::mustStop);
        session.onProgress(h::progressed);
        HelidonMdc.set(LogFormat.LOAD_ID, Long.toString(item.loadId()));
        try {
            if (item.line() > 0) {
                LOG.info(() -> "load " + item.loadId() + ": " + item.object().key() + " continues after line "
                        + item.line() + " on " + instance);
            }
            // Whether the load's secondary indexes are set aside is decided before its first batch.
            setAside.prepare(item.loadId());
            ItemReading.read(session, item, objects);
            session.finish(false);
            if (!items.complete(item)) {
                LOG.warning(() -> "load " + item.loadId() + ": " + item.object().key()
                        + " was taken over before it was marked done");
            }
            held.remove(item.itemId(), h);
            if (item.table() == TableName.EMPLOYEES && !item.dryRun()) {
                compactor.now();
            }
            // The load ends only once its set-aside indexes are back (whichever instance builds them).
            if (!item.dryRun()) {
                rebuilds.afterObject(item.loadId());
            }
            items.finishIfDone(item.loadId());
        } catch (Throwable e) {
            // Whatever stopped the worker (an Error included: no worker dies silently), it is
            // recorded once no batch of this item is in flight, so the report matches the tables.
            try {
                session.settle();
                ended(h, e);
            } catch (Throwable unrecorded) {
                e.addSuppressed(unrecorded);
                held.remove(item.itemId(), h);
                LOG.log(Level.SEVERE, "load " + item.loadId() + ": the end of " + item.object().key()
                        + " could not be recorded; its lease runs out and another worker continues it", e);
            }
        } finally {
            HelidonMdc.remove(LogFormat.LOAD_ID);
            active.decrementAndGet();
            changed();
        }
    }

    /** Records how an item ended early. */
    private void ended(Held h, Throwable e) {
        ClaimedItem item = h.item;
        if (stopping) {
            // stop() hands the item on or ends its load; it stays held until then.
            return;
        }
        held.remove(item.itemId(), h);
        if (h.stalled && e instanceof LoadSession.LoadStopped) {
            // Its lease was left to run out: another worker continues it after its last committed line.
            LOG.warning(() -> "load " + item.loadId() + ": " + item.object().key() + " was given up after making no "
                    + "progress for " + leaseSeconds + " s; another worker continues it after its last committed line");
            return;
        }
        if (h.cancelled() && !h.lost && e instanceof LoadSession.LoadStopped) {
            LOG.info(() -> "load " + item.loadId() + ": " + item.object().key() + " stopped for the cancel, "
                    + "its batches in flight committed");
            recordCancel(item);
            return;
        }
        if (h.lost || e instanceof BatchWriter.ClaimLost || e instanceof LoadSession.LoadStopped) {
            // Taken over by another instance (the claim fences its batches), or the load ended.
            LOG.warning(() -> "load " + item.loadId() + ": " + item.object().key() + " is no longer this instance's "
                    + "(taken over, or its load ended); its batches not yet committed were dropped");
            record(item, "the load ended before this object was finished", false);
            return;
        }
        if (e instanceof ItemReading.Unreadable unreadable) {
            // The file's content, not the engine: this object fails alone and the load goes on.
            LOG.warning(() -> "load " + item.loadId() + " of " + item.table().path() + ": " + unreadable.getMessage());
            record(item, unreadable.getMessage(), false);
            items.finishIfDone(item.loadId());
            return;
        }
        Failure problem = e instanceof RuntimeException failure
                ? ItemReading.failure(item, failure, objects.bucket(), () -> !database.check().up())
                : died(item, e);
        if (ItemReading.passing(problem)) {
            // Passing (the database away, writers that kept meeting): back in the queue, the load runs on.
            interruptions.put(item.loadId(), problem);
            handBack(item, problem);
            return;
        }
        LOG.log(e instanceof Error ? Level.SEVERE : Level.WARNING, "load " + item.loadId() + " of "
                + item.table().path() + " failed on " + item.object().key(), e);
        failures.put(item.loadId(), problem);
        record(item, problem.getMessage(), true);
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
        long end = System.nanoTime() + RECORD_FAILURE_FOR.toNanos();
        while (true) {
            try {
                items.cancelled(item);
                return;
            } catch (RuntimeException unrecorded) {
                if (stopping || System.nanoTime() > end) {
                    // Its lease runs out, and the heartbeat sweep of any instance ends it cancelled.
                    LOG.log(Level.WARNING, "could not record the cancel of load " + item.loadId() + ": "
                            + unrecorded.getMessage());
                    return;
                }
                sleepQuietly(500);
            }
        }
    }

    /**
     * Puts an item that stopped for a passing reason back in the queue at its last committed line,
     * trying until the database takes it (whatever the outage's length) or the server stops; its
     * load goes on running, and any instance continues it. A process that finds the item taken
     * over meanwhile (it was frozen, or cut off past its lease) says so: the load did not fail.
     */
    private void handBack(ClaimedItem item, Failure why) {
        LOG.log(Level.WARNING, "load " + item.loadId() + ": " + item.object().key() + " stopped on " + instance
                + " (" + why.getMessage() + "); it goes back to the queue after its last committed line", why.getCause());
        while (!stopping) {
            try {
                if (items.requeue(item)) {
                    LOG.info(() -> "load " + item.loadId() + ": " + item.object().key() + " is back in the queue");
                } else {
                    LOG.warning(() -> "load " + item.loadId() + ": this instance's claim on " + item.object().key()
                            + " was taken by another instance (or the object was finished) while this one was "
                            + "away; the load goes on there and did not fail");
                }
                return;
            } catch (RuntimeException stillAway) {
                sleepQuietly(1000);
            }
        }
    }

    /** Marks the item (and its load) failed, retrying while the database is away. */
    private void record(ClaimedItem item, String error, boolean failLoad) {
        long end = System.nanoTime() + RECORD_FAILURE_FOR.toNanos();
        while (true) {
            try {
                items.fail(item, error, failLoad);
                return;
            } catch (RuntimeException unrecorded) {
                if (stopping || System.nanoTime() > end) {
                    // Its lease expires and another worker continues it where it stopped.
                    LOG.log(Level.WARNING, "could not record the end of load " + item.loadId() + ": "
                            + unrecorded.getMessage());
                    return;
                }
                sleepQuietly(500);
            }
        }
    }

    /**
     * The stop of SPEC section 4: no new item is claimed and no new batch starts; the batches in
     * flight commit (bounded by {@link #STOP_WAIT}); then this instance's items go back to the
     * queue at their last committed line when another instance is alive to continue them, or, when
     * none is, their loads (and the loads this instance accepted) end {@code interrupted} with why.
     * It runs before the web server stops (background.Lifecycle, in Stage.STOP_ORDER), once; then
     * Background interrupts the worker threads and stops the batch writers.
     */
    @Override
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        wake();
        LOG.info(() -> "stopping: " + active.get() + " object(s) being written on " + instance);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            while (active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<Long, Long> claims = heldClaims();
        try {
            if (leases.othersAlive(instance, leaseSeconds)) {
                int released = leases.release(claims);
                LOG.info(() -> released + " object(s) handed back to the other instances");
            } else {
                int marked = leases.interrupt(instance, claims.keySet(), LoadRuns.STOPPED);
                if (marked > 0) {
                    LOG.warning(() -> marked + " load(s) marked interrupted at shutdown");
                }
            }
            leases.leave(instance);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hand this instance's loads on at shutdown; their leases expire "
                    + "and another instance continues them: " + e.getMessage());
        }
        changed();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
