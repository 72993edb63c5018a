package io.hireload.metrics;

import io.hireload.background.Background;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the metrics' pending deltas few. Writers only ask for a compaction; this instance runs at
 * most one every {@code hireload.metrics.compact-seconds} (5), off the writers' threads, so a post
 * or a batch never pays for it. The metrics are exact whether or not it has run (they read the
 * summary plus the pending deltas). A compaction rewrites every summary group its deltas touch,
 * and a second's worth of a bulk load's deltas touches nearly all of them: compacting every
 * second took a fifth of a 1M-row load's database time; every 5 s, the pending deltas a metric
 * reads during a load stay a few hundred thousand entries at most.
 *
 * <p>While writes keep coming (a bulk load: a batch every few milliseconds), it folds at most every
 * {@code hireload.metrics.busy-compact-seconds} (20) instead: each compaction rewrites the summary
 * groups its deltas touch, and a load touches nearly all of them every few seconds, so fewer folds do
 * less of that work: two 1M-row loads went from 11 compactions (3.7 s of the database's time) to 5
 * (2.3 s) (docs/PERFORMANCE.md). A load's end asks for a fold at once ({@link #afterLoad}), and the
 * first tick after the writes stop folds too.
 *
 * <p>No fold runs on this instance while it builds set-aside indexes back ({@link #asideOf}): a
 * fold of a 2M-row load's deltas took a core for about a second beside the trigram index, which
 * PostgreSQL 15 builds on one core and which ends the load; the fold waits for the build instead.
 */
@ApplicationScoped
@InStage(Stage.HOUSEKEEPING)
public class MetricsCompactor implements Part {
    private static final Logger LOG = Logger.getLogger(MetricsCompactor.class.getName());

    private final MetricsService metrics;
    private final AtomicBoolean wanted = new AtomicBoolean();
    /** A write asked since the last tick: writes are still coming. */
    private final AtomicBoolean wroteSinceTick = new AtomicBoolean();
    private final long everySeconds;
    private final long busyMillis;
    private volatile long lastFolded = System.nanoTime();
    /** Index builds running on this instance: no fold beside them. */
    private final AtomicInteger building = new AtomicInteger();
    private final ScheduledExecutorService timer;

    @Inject
    public MetricsCompactor(MetricsService metrics, Background background,
                            @ConfigProperties MetricsSettings settings) {
        this.metrics = metrics;
        this.everySeconds = Math.max(1, settings.compactSeconds());
        this.busyMillis = Math.max(everySeconds, settings.busyCompactSeconds()) * 1000L;
        this.timer = background.timer("hireload-compactor", Stage.HOUSEKEEPING);
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::runIfWanted, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    /** Employees were written: fold their deltas at the next turn. */
    public void soon() {
        wanted.set(true);
        wroteSinceTick.set(true);
    }

    /**
     * A bulk load's object ended (and its indexes are back): its deltas are folded at once, on the
     * compactor's thread, so the metrics soon read a compact summary. Not on the worker's thread:
     * the synchronous answer would wait for the fold, a second at 2M rows, for nothing the metrics
     * need to be exact.
     */
    public void afterLoad() {
        wanted.set(true);
        foldSoon();
    }

    private void foldSoon() {
        try {
            timer.execute(this::foldIfWanted);
        } catch (RejectedExecutionException stopping) {
            LOG.log(Level.FINE, "metrics compaction left pending (the metrics read it): the server is stopping", stopping);
        }
    }

    /**
     * Runs {@code build} (a rebuild of set-aside indexes) with no fold of this instance beside it;
     * a fold wanted meanwhile runs right after, on the compactor's thread.
     */
    public void asideOf(Runnable build) {
        building.incrementAndGet();
        try {
            build.run();
        } finally {
            if (building.decrementAndGet() == 0 && wanted.get()) {
                foldSoon();
            }
        }
    }

    /** Folds now, on this thread. */
    private void now() {
        wanted.set(false);
        lastFolded = System.nanoTime();
        try {
            metrics.compact();
        } catch (RuntimeException e) {
            wanted.set(true);
            LOG.log(Level.FINE, "metrics compaction deferred: " + e.getMessage(), e);
        }
    }

    private void runIfWanted() {
        boolean writing = wroteSinceTick.getAndSet(false);
        if (writing && System.nanoTime() - lastFolded < busyMillis * 1_000_000) {
            return;
        }
        foldIfWanted();
    }

    private void foldIfWanted() {
        if (building.get() == 0 && wanted.getAndSet(false)) {
            now();
        }
    }
}
