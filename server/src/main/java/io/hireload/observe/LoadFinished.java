package io.hireload.observe;

import io.hireload.model.LoadStatus;

/**
 * A load reached its end state: fired in the transaction that records it, one event per load (a
 * stopping instance that ends several fires several), observed after the commit by the server's
 * metrics and its log ({@link LoadLog}). The counters are the load's as that transaction left
 * them, which are final: only batch transactions advance them, and none commits after the end.
 */
public record LoadFinished(long loadId, String table, String source, LoadStatus status, String error,
                           long rowsRead, long inserted, long updated, long unchanged, long rejected,
                           long skippedBlank, long batches, long durationMs) {
}
