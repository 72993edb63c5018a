package io.hireload.load.engine;

import io.hireload.load.queue.ClaimedItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The items this instance works, by id, and what their workers must know while they write them:
 * for the lease heartbeat (which claims to renew, which items were lost or are being cancelled)
 * and for the workers (whether to start another batch).
 */
final class HeldItems {
    private static final Logger LOG = Logger.getLogger(HeldItems.class.getName());

    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    private final BooleanSupplier stopping;
    private final int leaseSeconds;

    HeldItems(BooleanSupplier stopping, int leaseSeconds) {
        this.stopping = stopping;
        this.leaseSeconds = leaseSeconds;
    }

    /**
     * Loads being cancelled, by id, with when this instance heard of it: a cancel heard before its
     * worker registered the item still stops it. Pruned after {@link #CANCELS_KEPT}.
     */
    private final Map<Long, Long> cancelledLoads = new ConcurrentHashMap<>();
    private static final Duration CANCELS_KEPT = Duration.ofMinutes(10);

    /** An item this instance works, and what its worker must know while it writes it. */
    final class Held {
        final ClaimedItem item;
        /** The heartbeat found it taken over, or its load ended. */
        volatile boolean lost;
        /** Its load is being cancelled: no new batch, the batches in flight commit. */
        volatile boolean cancelled;
        /** Its worker made no progress for a lease: its lease is left to run out, and another takes it over. */
        volatile boolean stalled;
        /** When its worker last read rows or committed a batch ({@link System#nanoTime()}). */
        volatile long progressAt = System.nanoTime();

        Held(ClaimedItem item) {
            this.item = item;
        }

        void progressed() {
            progressAt = System.nanoTime();
        }

        boolean cancelled() {
            return cancelled || cancelledLoads.containsKey(item.loadId());
        }

        /** Whether its worker must start no new batch. */
        boolean mustStop() {
            return stopping.getAsBoolean() || lost || stalled || cancelled();
        }
    }

    /** This instance's worker now writes {@code item}. */
    Held hold(ClaimedItem item) {
        Held h = new Held(item);
        held.put(item.itemId(), h);
        return h;
    }

    /** Its worker no longer writes it. */
    void release(Held h) {
        held.remove(h.item.itemId(), h);
    }

    /** Item id to claim, of the items this instance works. */
    Map<Long, Long> heldClaims() {
        Map<Long, Long> claims = new HashMap<>();
        held.forEach((id, h) -> claims.put(id, h.item.claim()));
        return claims;
    }

    /**
     * Item id to claim, of the items whose workers read rows or committed a batch within a lease:
     * the heartbeat renews only these. A worker stuck that long (a read that never returns, a
     * thread starved) gives its item up: its lease runs out and any instance takes the item over
     * after its last committed line, while the stuck worker, should it wake, starts no new batch
     * (and the claim fences any it had begun).
     */
    Map<Long, Long> progressingClaims() {
        long now = System.nanoTime();
        long window = Duration.ofSeconds(leaseSeconds).toNanos();
        Map<Long, Long> claims = new HashMap<>();
        held.forEach((id, h) -> {
            if (now - h.progressAt < window && !h.stalled) {
                claims.put(id, h.item.claim());
            } else if (!h.stalled) {
                h.stalled = true;
                LOG.warning(() -> "load " + h.item.loadId() + ": " + h.item.object().key() + " made no progress for "
                        + leaseSeconds + " s; its lease is left to run out and another worker takes it over");
            }
        });
        return claims;
    }

    /**
     * Load {@code loadId} is being cancelled (heard through {@link io.hireload.load.queue.LoadSignals}, or cancelled here):
     * its workers on this instance start no new batch, let those in flight commit, and end their
     * items {@code cancelled}.
     */
    void cancel(long loadId) {
        long now = System.nanoTime();
        cancelledLoads.values().removeIf(heard -> now - heard > CANCELS_KEPT.toNanos());
        if (cancelledLoads.putIfAbsent(loadId, now) == null) {
            List<String> stopping = new ArrayList<>();
            held.values().stream().filter(h -> h.item.loadId() == loadId).forEach(h -> {
                h.cancelled = true;
                stopping.add(h.item.object().key());
            });
            // Said even when no object of it is read here (any more: the heartbeat may have stopped
            // them first), so an operator sees that every instance heard it.
            LOG.info(() -> "load " + loadId + ": cancel heard; " + (stopping.isEmpty()
                    ? "no object of it is being read here" : String.join(", ", stopping) + " stop(s) after the batches in flight"));
        }
    }

    /** The heartbeat found these items' loads being cancelled (a cancel this instance may not have heard). */
    void cancelRequested(Set<Long> itemIds) {
        for (Long id : itemIds) {
            Held h = held.get(id);
            if (h != null) {
                h.cancelled = true;
            }
        }
    }

    /** The heartbeat found these items no longer this instance's: their workers stop. */
    void lost(Set<Long> itemIds) {
        for (Long id : itemIds) {
            Held h = held.get(id);
            if (h != null) {
                h.lost = true;
                LOG.warning(() -> "item " + id + " (" + h.item.object().key() + " of load " + h.item.loadId()
                        + ") is no longer this instance's; its worker stops");
            }
        }
    }
}
