package io.hireload.admin.loads;

import io.hireload.admin.support.Formats;
import io.hireload.model.FileReport;
import io.hireload.model.LoadReport;

import java.util.List;

/**
 * One S3 object of a load as its row under the load reads: what happened to it, its counts and
 * the instance that worked it. Texts are made here, once, so the running rows and the selected
 * load's table say the same thing.
 */
public record FileProgress(String file, String status, String counts, String instance) {
    static final String SKIPPED = "skipped (already loaded)";

    public static List<FileProgress> of(LoadReport report) {
        if (report == null || report.fileReports() == null) {
            return List.of();
        }
        return report.fileReports().stream().map(FileProgress::of).toList();
    }

    static FileProgress of(FileReport file) {
        String status = file.status() == null ? "queued" : file.status();
        if ("skipped".equals(status)) {
            // A skipped object read nothing; zeros would read as an empty file.
            return new FileProgress(file.file(), SKIPPED, "", instanceOf(file));
        }
        if (file.resumedFromLine() != null) {
            status += " (resumed after line " + Formats.count(file.resumedFromLine()) + ")";
        }
        String counts = "queued".equals(status) ? "" : Formats.count(file.rowsRead()) + " read · "
                + Formats.count(file.inserted()) + " inserted · " + Formats.count(file.updated()) + " updated · "
                + Formats.count(file.unchanged()) + " unchanged · " + Formats.count(file.rejected()) + " rejected";
        return new FileProgress(file.file(), status, counts, instanceOf(file));
    }

    private static String instanceOf(FileReport file) {
        return file.instance() == null ? "" : file.instance();
    }
}
