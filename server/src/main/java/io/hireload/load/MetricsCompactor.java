package io.hireload.load;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the metrics' pending deltas few. Writers only ask for a compaction; this instance runs at
 * most one a second, off the writers' threads, so a post or a batch never pays for it. The metrics
 * are exact whether or not it has run (they read the summary plus the pending deltas).
 */
@ApplicationScoped
public class MetricsCompactor {
    private static final Logger LOG = Logger.getLogger(MetricsCompactor.class.getName());

    private final BatchWriter writer;
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hireload-compactor");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public MetricsCompactor(BatchWriter writer) {
        this.writer = writer;
        timer.scheduleWithFixedDelay(this::runIfWanted, 1, 1, TimeUnit.SECONDS);
    }

    /** Employees were written: fold their deltas within a second or so. */
    public void soon() {
        wanted.set(true);
    }

    /** Folds now, on this thread: at the end of a bulk load, so the metrics read a compact summary. */
    public void now() {
        wanted.set(false);
        try {
            writer.compactMetrics();
        } catch (RuntimeException e) {
            wanted.set(true);
            LOG.log(Level.FINE, "metrics compaction deferred: " + e.getMessage(), e);
        }
    }

    private void runIfWanted() {
        if (wanted.getAndSet(false)) {
            now();
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
