package io.hireload.load.indexes;

import io.hireload.background.Daemon;
import io.hireload.db.SchemaMigrator;
import io.hireload.load.queue.LoadItems;
import io.hireload.load.queue.LoadLeases;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import io.hireload.load.queue.LeaseSettings;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every instance, from its start and then every {@code hireload.lease.beat-seconds}, builds the
 * recorded indexes whose load no longer needs them aside: a load that failed, was cancelled or
 * interrupted, one whose instance died after its last object or during the rebuild. Then it ends
 * the loads whose indexes are all back.
 */
@ApplicationScoped
public class IndexSweep {
    private static final Logger LOG = Logger.getLogger(IndexSweep.class.getName());

    private final Rebuilds rebuilds;
    private final LoadItems items;
    private final int everySeconds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Daemon.threads("hireload-index-sweep"));

    @Inject
    public IndexSweep(Rebuilds rebuilds, LoadItems items,
                      @ConfigProperties LeaseSettings lease) {
        this.rebuilds = rebuilds;
        this.items = items;
        this.everySeconds = Math.max(1, lease.beatSeconds());
    }

    void onStart(@Observes @Priority(150) @Initialized(ApplicationScoped.class) Object event) {
        timer.scheduleWithFixedDelay(this::sweep, 0, everySeconds, TimeUnit.SECONDS);
    }

    private void sweep() {
        if (!SchemaMigrator.migrated()) {
            return;
        }
        try {
            rebuilds.sweep();
            items.finishSettled();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "index sweep skipped: " + e.getMessage(), e);
        }
    }

    /**
     * After this instance's workers stopped ({@code LoadWorkers.beforeStop}, priority -100): when it
     * was the last instance, the loads it ended interrupted get their indexes back before it exits,
     * as far as the stop's time allows. A kill meanwhile leaves them recorded: the next instance to
     * start builds them.
     */
    void beforeStop(@Observes @Priority(-90) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        timer.shutdownNow();
        if (SchemaMigrator.migrated()) {
            try {
                rebuilds.sweep();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "set-aside indexes are left to the next instance to start: " + e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
