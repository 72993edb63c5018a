package io.hireload.model;

import java.time.Instant;
import java.util.List;

/**
 * What a load did. The same keys answer a synchronous load, the 1..1000-row API and each item of
 * {@code GET /loads}; {@code rejected_rows} holds at most the first 100 rejected rows, the rest
 * are under {@code GET /loads/{id}/rejected}. {@code files} lists every object the load covers,
 * {@code files_skipped} how many of them it skipped as already loaded, {@code file_reports} what
 * it did with each (empty for the 1..1000-row API, which reads no object).
 */
public record LoadReport(
        long loadId,
        String table,
        LoadStatus status,
        String source,
        List<String> files,
        int filesSkipped,
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
        List<FileReport> fileReports,
        List<RejectedRow> rejectedRows,
        IndexMode indexes,
        Long indexRebuildMs) {

    /** How many rejected rows a report carries inline. */
    public static final int REJECTED_ROWS_INLINE = 100;
}
