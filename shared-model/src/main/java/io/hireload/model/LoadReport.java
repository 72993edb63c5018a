package io.hireload.model;

import java.time.Instant;
import java.util.List;

/**
 * What a load did. The same keys answer a synchronous load, the 1..1000-row API and each item of
 * {@code GET /loads}; {@code rejected_rows} holds at most the first 100 rejected rows, the rest
 * are under {@code GET /loads/{id}/rejected}.
 */
public record LoadReport(
        long loadId,
        String table,
        LoadStatus status,
        String source,
        List<String> files,
        boolean dryRun,
        int batchSize,
        long rowsRead,
        long inserted,
        long updated,
        long unchanged,
        long rejected,
        long skippedBlank,
        int batches,
        long durationMs,
        Instant startedAt,
        Instant finishedAt,
        String error,
        Progress progress,
        List<RejectedRow> rejectedRows) {

    /** How many rejected rows a report carries inline. */
    public static final int REJECTED_ROWS_INLINE = 100;
}
