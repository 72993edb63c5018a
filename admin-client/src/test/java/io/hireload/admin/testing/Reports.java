package io.hireload.admin.testing;

import io.hireload.model.FileReport;
import io.hireload.model.IndexMode;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.Progress;
import io.hireload.model.RejectedRow;

import java.time.Instant;
import java.util.List;

/** Load reports as the server answers them, for stubs. */
public final class Reports {
    private Reports() {
    }

    public static LoadReport running(long id, String table, long rowsDone, long bytesDone, long bytesTotal) {
        return report(id, table, LoadStatus.RUNNING, rowsDone, 0, 0,
                new Progress(bytesDone, bytesTotal, rowsDone, 100.0 * bytesDone / bytesTotal, 1000, 1L), List.of());
    }

    public static LoadReport succeeded(long id, String table, long read, long inserted, List<RejectedRow> rejected) {
        return report(id, table, LoadStatus.SUCCEEDED, read, inserted, rejected.size(),
                new Progress(100, 100, read, 100, 1000, 0L), rejected);
    }

    public static LoadReport report(long id, String table, LoadStatus status, long read, long inserted, long rejectedCount,
                                    Progress progress, List<RejectedRow> rejected) {
        return new LoadReport(id, table, status, "s3", List.of(table + "/" + table + ".csv"), 0, false, 1000, read,
                inserted, 0, 0, rejectedCount, 0, 1, 12, Instant.parse("2026-01-01T00:00:00Z"), null, null,
                progress, List.of(), rejected, IndexMode.KEPT, null);
    }

    /** The same report as the load engine tells it file by file, started by {@code source}. */
    public static LoadReport withFiles(LoadReport r, String source, FileReport... files) {
        List<FileReport> reports = List.of(files);
        return new LoadReport(r.loadId(), r.table(), r.status(), source, reports.stream().map(FileReport::file).toList(),
                (int) reports.stream().filter(f -> "skipped".equals(f.status())).count(), r.dryRun(), r.batchSize(),
                r.rowsRead(), r.inserted(), r.updated(), r.unchanged(), r.rejected(), r.skippedBlank(), r.batches(),
                r.durationMs(), r.startedAt(), r.finishedAt(), r.error(), r.progress(), reports, r.rejectedRows(),
                r.indexes(), r.indexRebuildMs());
    }

    public static FileReport file(String file, String status, String instance, long read, long inserted, long rejected) {
        return new FileReport(file, "\"etag-" + file.hashCode() + "\"", status, instance, read, inserted, 0, 0, rejected, null, null);
    }
}
