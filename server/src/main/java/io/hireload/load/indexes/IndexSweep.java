package io.hireload.load.indexes;

import io.hireload.background.Background;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.db.SchemaMigrator;
import io.hireload.load.queue.LoadItems;
import io.hireload.load.queue.lease.LoadLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import io.hireload.load.queue.lease.LeaseSettings;

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
@InStage(Stage.INDEX_SWEEP)
public class IndexSweep implements Part {
    private static final Logger LOG = Logger.getLogger(IndexSweep.class.getName());

    private final Rebuilds rebuilds;
    private final LoadItems items;
    private final int everySeconds;
    private final ScheduledExecutorService timer;

    @Inject
    public IndexSweep(Rebuilds rebuilds, LoadItems items, Background background,
                      @ConfigProperties LeaseSettings lease) {
        this.rebuilds = rebuilds;
        this.items = items;
        this.everySeconds = Math.max(1, lease.beatSeconds());
        this.timer = background.timer("hireload-index-sweep", Stage.INDEX_SWEEP);
    }

    @Override
    public void start() {
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
     * After this instance's workers stopped (Stage.STOP_ORDER: WORKERS before INDEX_SWEEP): when it
     * was the last instance, the loads it ended interrupted get their indexes back before it exits,
     * as far as the stop's time allows. A kill meanwhile leaves them recorded: the next instance to
     * start builds them.
     */
    @Override
    public void stop() {
        if (SchemaMigrator.migrated()) {
            try {
                rebuilds.sweep();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "set-aside indexes are left to the next instance to start: " + e.getMessage());
            }
        }
    }
}
