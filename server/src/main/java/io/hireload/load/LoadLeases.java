package io.hireload.load;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells live loads from orphans: every instance renews the heartbeat of its own running loads
 * every 10 s, and any instance marks a running load whose heartbeat is older than 60 s as
 * {@code interrupted} (both tunable: {@code hireload.lease.beat-seconds},
 * {@code hireload.lease.expiry-seconds}). A starting instance therefore never marks a
 * live instance's load, and a load whose instance was killed is marked within about a minute.
 */
@ApplicationScoped
public class LoadLeases {
    private static final int BEAT_SECONDS = 10;
    private static final int EXPIRY_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(LoadLeases.class.getName());

    private final LoadRuns runs;
    private final MetricsCompactor compactor;
    private final int beatSeconds;
    private final int expirySeconds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hireload-leases");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public LoadLeases(LoadRuns runs, MetricsCompactor compactor,
                      @ConfigProperty(name = "hireload.lease.beat-seconds", defaultValue = "" + BEAT_SECONDS) int beatSeconds,
                      @ConfigProperty(name = "hireload.lease.expiry-seconds", defaultValue = "" + EXPIRY_SECONDS) int expirySeconds) {
        this.runs = runs;
        this.compactor = compactor;
        this.beatSeconds = beatSeconds;
        this.expirySeconds = Math.max(expirySeconds, 3 * beatSeconds);
    }

    void onStart(@Observes @Priority(100) @Initialized(ApplicationScoped.class) Object event) {
        timer.scheduleWithFixedDelay(this::beat, 0, beatSeconds, TimeUnit.SECONDS);
    }

    private void beat() {
        try {
            runs.renewHeartbeats();
            // Deltas left by restores or by writers that stopped mid-way are folded too.
            compactor.soon();
            int marked = runs.markOrphansInterrupted(expirySeconds);
            if (marked > 0) {
                LOG.warning(() -> marked + " load(s) whose server stopped were marked interrupted");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "heartbeat skipped: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
