package io.hireload.load;

import io.hireload.config.InstanceId;
import io.hireload.db.DatabaseProbe;
import io.hireload.load.indexes.Rebuilds;
import io.hireload.load.indexes.SetAside;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import io.hireload.failure.Failure;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's share of the loads: a few worker threads that claim work items of any load,
 * whoever accepted it, read each item's object from S3 and write it batch by batch. Idle workers
 * sleep until woken: by this instance's own new loads, by {@link LoadSignals} when another instance
 * queues work, and by a slow poll as a safety net.
 */
@ApplicationScoped
public class LoadWorkers {
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
    private final Object wakeUp = new Object();
    private boolean signalled;
    private final Object changed = new Object();
    private volatile boolean stopping;
    private final AtomicInteger active = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final ExecutorService batchWriters;
    private final Thread shutdownHook = new Thread(this::stopWorking, "hireload-stop-loads");

    /** An item this instance works, and whether the heartbeat found it taken over. */
    static final class Held {
        final ClaimedItem item;
        volatile boolean lost;

        Held(ClaimedItem item) {
            this.item = item;
        }
    }

    @Inject
    public LoadWorkers(LoadItems items, ItemLeases leases, CsvObjects objects, BatchWriter writer, MetricsCompactor compactor,
                       DatabaseProbe database, SetAside setAside, Rebuilds rebuilds,
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
        this.batchWriters = Executors.newFixedThreadPool(Math.max(8, this.workerCount * this.parallelBatches), daemon("hireload-batch"));
    }

    /** Starts the workers once the application (and its schema) is up. */
    void onStart(@Observes @Priority(200) @Initialized(ApplicationScoped.class) Object event) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        for (int i = 0; i < workerCount; i++) {
            Thread thread = daemon("hireload-load-" + (i + 1)).newThread(this::work);
            threads.add(thread);
            thread.start();
        }
    }

    String instance() {
        return instance;
    }

    boolean stopping() {
        return stopping;
    }

    int leaseSeconds() {
        return leaseSeconds;
    }

    /** Work may be waiting: idle workers look now. */
    public void wake() {
        synchronized (wakeUp) {
            signalled = true;
            wakeUp.notifyAll();
        }
    }

    /** The failure a load met on this instance, if it met one here; answered once. */
    Optional<Failure> failure(long loadId) {
        return Optional.ofNullable(failures.remove(loadId));
    }

    /** Waits until an item here ended or {@code millis} passed, whichever is first. */
    void awaitChange(long millis) throws InterruptedException {
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

    /** The heartbeat found these items no longer this instance's: their workers stop. */
    void lost(Set<Long> itemIds) {
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
                batch -> writer.write(item, batch), compactor, batchWriters, () -> stopping || h.lost);
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
            held.remove(item.itemId());
            if (item.table() == TableName.EMPLOYEES && !item.dryRun()) {
                compactor.now();
            }
            // The load ends only once its set-aside indexes are back (whichever instance builds them).
            if (!item.dryRun()) {
                rebuilds.afterObject(item.loadId());
            }
            items.finishIfDone(item.loadId());
        } catch (RuntimeException e) {
            // Recorded once no batch of this item is in flight, so the report matches the tables.
            session.settle();
            ended(h, e);
        } finally {
            active.decrementAndGet();
            changed();
        }
    }

    /** Records how an item ended early. */
    private void ended(Held h, RuntimeException e) {
        ClaimedItem item = h.item;
        if (stopping) {
            // stopWorking hands the item on or ends its load; it stays held until then.
            return;
        }
        held.remove(item.itemId());
        if (h.lost || e instanceof BatchWriter.ClaimLost || e instanceof LoadSession.LoadStopped) {
            // Taken over by another instance (the claim fences its batches), or the load ended.
            LOG.warning(() -> "load " + item.loadId() + ": " + item.object().key() + " is no longer this instance's "
                    + "(taken over, or its load ended); its batches not yet committed were dropped");
            record(item, "the load ended before this object was finished", false);
            return;
        }
        Failure problem = ItemReading.failure(item, e, objects.bucket(),
                () -> !database.check().up());
        LOG.log(Level.WARNING, "load " + item.loadId() + " of " + item.table().path() + " failed on "
                + item.object().key(), e);
        failures.put(item.loadId(), problem);
        record(item, problem.getMessage(), true);
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
     * It runs before the web server stops and before any bean is destroyed (CDI destroys beans in
     * no defined order, so a {@code @PreDestroy} could find the pool closed).
     */
    void beforeStop(@Observes @Priority(-100) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stopWorking();
    }

    /**
     * Runs once, from the CDI event or from the JVM's shutdown hook (Helidon registers its own
     * only after start-up, so a SIGTERM just before would stop the JVM without any CDI event).
     */
    private synchronized void stopWorking() {
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

    @PreDestroy
    void stop() {
        stopping = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmStopping) {
            // the hook is running or has run
        }
        threads.forEach(Thread::interrupt);
        batchWriters.shutdownNow();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
