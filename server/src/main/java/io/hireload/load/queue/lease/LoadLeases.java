package io.hireload.load.queue.lease;

import io.hireload.load.queue.Workers;
import io.hireload.load.queue.LoadItems;
import io.hireload.background.Background;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.metrics.MetricsCompactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this instance's claims alive: every {@code hireload.lease.beat-seconds} (10 s) it renews
 * the lease of each item whose worker made progress within a lease (read rows or committed a
 * batch), to {@code hireload.lease.expiry-seconds} (30 s) from now, and says it is alive; an item
 * whose worker is stuck is left to run out and is taken over like a dead instance's. An item whose instance stops renewing (SIGKILL, a lost task) is claimable by
 * any instance once its lease has run out, and continues after its last committed line. A renewal
 * that finds an item no longer this instance's stops its worker. Each beat also ends loads whose
 * last items two workers closed side by side, and wakes the workers when an item's lease has run
 * out, so a dead instance's object is taken over within a beat of its expiry, not at the next poll.
 */
@ApplicationScoped
@InStage(Stage.LEASES)
public class LoadLeases implements Part {
    public static final int BEAT_SECONDS = 10;
    public static final int EXPIRY_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(LoadLeases.class.getName());

    private final LoadItems items;
    private final ItemLeases leases;
    private final Workers workers;
    private final MetricsCompactor compactor;
    private final int beatSeconds;
    private final ScheduledExecutorService timer;

    @Inject
    public LoadLeases(LoadItems items, ItemLeases leases, Workers workers, MetricsCompactor compactor, Background background,
                      @ConfigProperties LeaseSettings lease) {
        this.items = items;
        this.leases = leases;
        this.workers = workers;
        this.compactor = compactor;
        this.beatSeconds = Math.max(1, lease.beatSeconds());
        this.timer = background.timer("hireload-leases", Stage.LEASES);
    }

    /** A lease outlives at least three beats, so one slow beat never loses a live claim. */
    public static int expiry(int beatSeconds, int expirySeconds) {
        return Math.max(expirySeconds, 3 * Math.max(1, beatSeconds));
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::beat, 0, beatSeconds, TimeUnit.SECONDS);
    }

    private void beat() {
        if (workers.stopping()) {
            return;
        }
        try {
            leases.beat(workers.instance());
            Map<Long, Long> held = workers.progressingClaims();
            Map<Long, Boolean> kept = leases.extend(held, workers.leaseSeconds());
            Set<Long> lost = new HashSet<>(held.keySet());
            lost.removeAll(kept.keySet());
            workers.lost(lost);
            Set<Long> cancelling = new HashSet<>();
            kept.forEach((id, cancel) -> {
                if (cancel) {
                    cancelling.add(id);
                }
            });
            workers.cancelRequested(cancelling);
            // A load ended by this sweep may let a queued one start; an orphaned item waits for a taker.
            if (items.finishSettled() > 0 || leases.orphaned()) {
                workers.wake();
            }
            // Deltas left by restores or by writers that stopped mid-way are folded too.
            compactor.soon();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "heartbeat skipped: " + e.getMessage(), e);
        } catch (Throwable e) {
            // A scheduled task that throws is never run again: the heartbeat must outlive an Error.
            LOG.log(Level.SEVERE, "heartbeat skipped: " + e, e);
        }
    }
}
