package io.hireload.load.engine;

import io.hireload.load.queue.ClaimedItem;
import io.hireload.load.queue.lease.ItemLeases;
import io.hireload.load.queue.LoadCancels;
import io.hireload.load.queue.LoadItems;
import io.hireload.load.queue.LoadPromotion;
import io.hireload.load.queue.lease.LoadLeases;
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
import io.hireload.observe.LogFormat;
import io.helidon.logging.common.HelidonMdc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import io.hireload.load.queue.lease.LeaseSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private final LoadItems items;
    private final LoadPromotion promotion;
    private final ItemLeases leases;
    private final CsvObjects objects;
    private final BatchWriter writer;
    private final MetricsCompactor compactor;
    private final SetAside setAside;
    private final int parallelBatches;
    private final int workerCount;
    private final int leaseSeconds;
    private final long pollMillis;
    private final String instance = InstanceId.get();

    /** The items this instance works, for the lease heartbeat and their workers. */
    private final HeldItems held;
    private final LoadOutcomes outcomes;
    private final ItemEnds ends;
    private final Object wakeUp = new Object();
    private boolean signalled;
    private volatile boolean stopping;
    private final AtomicInteger active = new AtomicInteger();
    private final List<Daemon> threads = new ArrayList<>();
    private final ExecutorService batchWriters;

    @Inject
    public LoadWorkers(LoadItems items, LoadPromotion promotion, LoadCancels cancels, LoadOutcomes outcomes,
                       ItemLeases leases, CsvObjects objects, BatchWriter writer, MetricsCompactor compactor,
                       DatabaseProbe database, SetAside setAside, Rebuilds rebuilds, Background background,
                       @ConfigProperties LoadSettings settings, @ConfigProperties LeaseSettings lease) {
        this.items = items;
        this.promotion = promotion;
        this.outcomes = outcomes;
        this.leases = leases;
        this.objects = objects;
        this.writer = writer;
        this.compactor = compactor;
        this.setAside = setAside;
        this.parallelBatches = Math.max(1, Math.min(settings.parallelBatches(), 8));
        this.workerCount = Math.max(1, Math.min(settings.workers(), 16));
        this.leaseSeconds = LoadLeases.expiry(lease.beatSeconds(), lease.expirySeconds());
        this.pollMillis = Math.max(1, settings.pollSeconds()) * 1000L;
        this.held = new HeldItems(() -> stopping, leaseSeconds);
        this.ends = new ItemEnds(items, cancels, rebuilds, objects, database, outcomes, () -> stopping, leaseSeconds, instance);
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

    @Override
    public Map<Long, Long> progressingClaims() {
        return held.progressingClaims();
    }

    @Override
    public void cancel(long loadId) {
        held.cancel(loadId);
    }

    @Override
    public void cancelRequested(Set<Long> itemIds) {
        held.cancelRequested(itemIds);
    }

    @Override
    public void lost(Set<Long> itemIds) {
        held.lost(itemIds);
    }

    private void work() {
        while (!stopping) {
            try {
                promotion.promote();
                Optional<ClaimedItem> claimed = stopping ? Optional.empty() : items.claim(instance, leaseSeconds);
                if (claimed.isPresent()) {
                    run(claimed.get());
                    continue;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "load worker: " + e.getMessage(), e);
                ItemEnds.sleepQuietly(1000);
            } catch (Throwable e) {
                // A worker thread outlives whatever it met, or the instance would stop loading unseen.
                LOG.log(Level.SEVERE, "load worker: " + e, e);
                ItemEnds.sleepQuietly(1000);
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
        HeldItems.Held h = held.hold(item);
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
                ends.taken(item);
            }
            held.release(h);
            // The load ends only once its set-aside indexes are back (whichever instance builds them).
            ends.settle(item);
            if (item.table() == TableName.EMPLOYEES && !item.dryRun()) {
                compactor.afterLoad();
            }
        } catch (Throwable e) {
            // Whatever stopped the worker (an Error included: no worker dies silently), it is
            // recorded once no batch of this item is in flight, so the report matches the tables.
            try {
                session.settle();
                if (!stopping) {
                    // (When stopping, stop() hands the item on or ends its load; it stays held until then.)
                    held.release(h);
                    ends.ended(h, e);
                }
            } catch (Throwable unrecorded) {
                e.addSuppressed(unrecorded);
                held.release(h);
                LOG.log(Level.SEVERE, "load " + item.loadId() + ": the end of " + item.object().key()
                        + " could not be recorded; its lease runs out and another worker continues it", e);
            }
        } finally {
            HelidonMdc.remove(LogFormat.LOAD_ID);
            active.decrementAndGet();
            outcomes.changed();
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
        Map<Long, Long> claims = held.heldClaims();
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
        outcomes.changed();
    }
}
