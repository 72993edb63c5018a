package io.hireload.load;

import io.hireload.db.PgListener;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Wakes this instance's idle workers the moment any instance queues or hands back work: a
 * {@code LISTEN} on {@value #CHANNEL}, which the queue's statements {@code NOTIFY} at commit, with
 * a wake-up whenever listening starts again (for what it may have missed). The workers' slow poll
 * stays as a safety net only.
 */
@ApplicationScoped
public class LoadSignals {
    private static final int WAIT_MILLIS = 10_000;

    /** The channel every instance listens on for new work. */
    static final String CHANNEL = "hireload_load_work";

    private final PgListener listener;

    @Inject
    public LoadSignals(LoadWorkers workers, Config config) {
        this.listener = new PgListener(CHANNEL, WAIT_MILLIS, config, new PgListener.Handler() {
            @Override
            public void listening() {
                workers.wake();
            }

            @Override
            public void notified() {
                workers.wake();
            }
        });
    }

    /** For CDI's proxy only. */
    protected LoadSignals() {
        this.listener = null;
    }

    void onStart(@Observes @Priority(300) @Initialized(ApplicationScoped.class) Object event) {
        listener.start();
    }

    @PreDestroy
    void stop() {
        listener.stop();
    }

    /**
     * Tells every instance's idle workers that items may be claimable: a {@code NOTIFY} in the
     * caller's transaction, delivered when it commits.
     */
    static void notifyWork(Connection c) throws SQLException {
        PgListener.notify(c, CHANNEL);
    }
}
