package io.hireload.admin.connect;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.admin.support.Ticker;
import io.hireload.client.HireloadClient;

import java.time.Duration;

/**
 * Keeps {@link Session#reachableProperty()} true to the server: while connected, asks its open
 * {@code GET /} (a few hundred bytes, no database) at an interval; one poll in flight at a time.
 * The status bar and the outage's error notices follow it.
 */
public final class ConnectionWatch {
    static final int PATIENCE = 3;
    private final Session session;
    private final Background background;
    private Runnable stop = () -> { };
    private boolean asking;
    /** Ticks a poll has been unanswered: a server that accepts connections but never answers is away too. */
    private int waited;

    public ConnectionWatch(Session session, Background background, Ticker ticker, Duration every) {
        this.session = session;
        this.background = background;
        session.clientProperty().addListener((obs, old, now) -> {
            stop.run();
            stop = () -> { };
            if (now != null) {
                stop = ticker.every(every, () -> ask(now));
            }
        });
    }

    private void ask(HireloadClient client) {
        if (asking) {
            if (++waited >= PATIENCE) {
                session.unreachable();
            }
            return;
        }
        asking = true;
        waited = 0;
        background.run(client::info, info -> answered(client, true), problem ->
                // An error answer is still an answer: the server is there, something behind it is not.
                answered(client, !Problems.isUnreachable(problem)));
    }

    private void answered(HireloadClient client, boolean there) {
        asking = false;
        if (session.client().orElse(null) != client) {
            return;
        }
        if (there) {
            session.reachable();
        } else {
            session.unreachable();
        }
    }

    /** Stops polling: the window is closing. */
    public void stop() {
        stop.run();
        stop = () -> { };
    }
}
