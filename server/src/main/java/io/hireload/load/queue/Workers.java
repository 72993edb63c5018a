package io.hireload.load.queue;

import java.util.Map;
import java.util.Set;

/**
 * What the queue asks of this instance's workers: the heartbeat ((load.queue.lease.LoadLeases)) renews their
 * claims and tells them of claims lost and loads cancelled; the signals ({@link LoadSignals}) wake
 * them. The engine implements it, so the queue never imports the engine that works its items.
 */
public interface Workers {
    /** This instance's name, as its claims and heartbeat carry it. */
    String instance();

    /** The server is stopping: no new work, no more beats. */
    boolean stopping();

    /** How long a claim lasts past its last renewal. */
    int leaseSeconds();

    /** Wakes the idle workers: items may be claimable. */
    void wake();

    /** Stops the workers on load {@code loadId} after their batches in flight. */
    void cancel(long loadId);

    /** The items whose worker made progress within a lease, with their claims. */
    Map<Long, Long> progressingClaims();

    /** Items whose load an operator cancelled: their workers stop. */
    void cancelRequested(Set<Long> itemIds);

    /** Items no longer this instance's: their workers stop without writing more. */
    void lost(Set<Long> itemIds);
}
