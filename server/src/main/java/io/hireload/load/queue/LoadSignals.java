package io.hireload.load.queue;

import io.hireload.background.Background;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.db.PgListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Wakes this instance's idle workers the moment any instance queues or hands back work: a
 * {@code LISTEN} on {@value #CHANNEL}, which the queue's statements {@code NOTIFY} at commit, with
 * a wake-up whenever listening starts again (for what it may have missed); and stops its workers on
 * a load an operator cancels, on whichever instance the cancel arrived: {@value #CANCEL_CHANNEL},
 * whose payload is the load's id. The workers' slow poll stays as a safety net only.
 */
@ApplicationScoped
@InStage(Stage.SIGNALS)
public class LoadSignals implements Part {
    private static final Logger LOG = Logger.getLogger(LoadSignals.class.getName());
    private static final int WAIT_MILLIS = 10_000;

    /** The channel every instance listens on for new work. */
    static final String CHANNEL = "hireload_load_work";
    /** The channel every instance listens on for loads cancelled; the payload is the load's id. */
    static final String CANCEL_CHANNEL = "hireload_load_cancel";

    private final PgListener listener;

    @Inject
    public LoadSignals(Workers workers, Config config, Background background) {
        this.listener = new PgListener(List.of(CHANNEL, CANCEL_CHANNEL), WAIT_MILLIS, config,
                background.loop("hireload-listen-" + CHANNEL + "-" + CANCEL_CHANNEL, Stage.SIGNALS), new PgListener.Handler() {
            @Override
            public void listening() {
                workers.wake();
            }

            @Override
            public void notified(String channel, String payload) {
                if (CANCEL_CHANNEL.equals(channel)) {
                    cancelled(workers, payload);
                }
                workers.wake();
            }
        });
    }

    /** For CDI's proxy only. */
    protected LoadSignals() {
        this.listener = null;
    }

    @Override
    public void start() {
        listener.start();
    }

    private static void cancelled(Workers workers, String loadId) {
        try {
            workers.cancel(Long.parseLong(loadId));
        } catch (NumberFormatException e) {
            LOG.warning(() -> "load signals: a cancel without a load id (" + loadId + ") was ignored");
        }
    }

    /** Closes the LISTEN session too, before the database may stop (Background ends the thread). */
    @Override
    public void stop() {
        listener.stop();
    }

    /**
     * Tells every instance that load {@code loadId} is being cancelled: its workers there stop after
     * their batches in flight. A {@code NOTIFY} in the caller's transaction, delivered when it commits;
     * the lease heartbeat tells them too (within a beat), should an instance miss it while reconnecting.
     */
    static void notifyCancel(Connection c, long loadId) throws SQLException {
        PgListener.notify(c, CANCEL_CHANNEL, Long.toString(loadId));
    }

    /**
     * Tells every instance's idle workers that items may be claimable: a {@code NOTIFY} in the
     * caller's transaction, delivered when it commits.
     */
    public static void notifyWork(Connection c) throws SQLException {
        PgListener.notify(c, CHANNEL);
    }
}
