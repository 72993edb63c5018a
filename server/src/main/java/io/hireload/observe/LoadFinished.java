package io.hireload.observe;

import io.hireload.model.LoadStatus;

/**
 * A load reached its end state (fired in the transaction that records it; observed after commit).
 * {@code loadId} is null and {@code count} above one when several loads were marked at once, as
 * when a stopped instance's loads are found orphaned.
 */
public record LoadFinished(Long loadId, String table, LoadStatus status, String error, int count) {

    public static LoadFinished one(long loadId, String table, LoadStatus status, String error) {
        return new LoadFinished(loadId, table, status, error, 1);
    }
}
