package io.hireload.admin.loads;

import io.hireload.admin.support.Formats;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.Progress;


/**
 * How far a load is, for a progress bar and its caption. A finished load is at the end whatever
 * its last progress said; a running one without byte or row figures yet is indeterminate (-1).
 */
public record LoadProgress(double fraction, String caption) {
    public static final double INDETERMINATE = -1;

    public static LoadProgress of(LoadReport report) {
        LoadStatus status = statusOf(report);
        Progress progress = report.progress();
        if (status.finished()) {
            return new LoadProgress(1.0, finishedCaption(report, status));
        }
        if (progress == null) {
            return new LoadProgress(INDETERMINATE, status == LoadStatus.QUEUED ? "queued" : "starting");
        }
        double fraction = fractionOf(progress);
        StringBuilder caption = new StringBuilder(Formats.count(progress.rowsDone())).append(" rows");
        if (fraction >= 0) {
            caption.append(" · ").append(Math.round(fraction * 100)).append('%');
        }
        if (progress.rowsPerSecond() > 0) {
            caption.append(" · ").append(Formats.count(Math.round(progress.rowsPerSecond()))).append(" rows/s");
        }
        if (progress.etaSeconds() != null && progress.etaSeconds() > 0) {
            caption.append(" · ").append(progress.etaSeconds()).append(" s left");
        }
        return new LoadProgress(fraction, caption.toString());
    }

    /** A report without a status is a synchronous answer: the load is over. */
    public static LoadStatus statusOf(LoadReport report) {
        if (report.status() != null) {
            return report.status();
        }
        return report.error() == null ? LoadStatus.SUCCEEDED : LoadStatus.FAILED;
    }

    private static double fractionOf(Progress progress) {
        if (progress.bytesTotal() > 0) {
            return clamp((double) progress.bytesDone() / progress.bytesTotal());
        }
        if (progress.percent() > 0) {
            // percent is 0..100 on the wire; tolerate a 0..1 fraction too.
            return clamp(progress.percent() > 1 ? progress.percent() / 100 : progress.percent());
        }
        return INDETERMINATE;
    }

    private static String finishedCaption(LoadReport report, LoadStatus status) {
        String counts = Formats.count(report.rowsRead()) + " read · " + Formats.count(report.inserted()) + " inserted · "
                + Formats.count(report.updated()) + " updated · " + Formats.count(report.rejected()) + " rejected";
        return switch (status) {
            case SUCCEEDED -> (report.dryRun() ? "dry run: " : "done: ") + counts;
            case FAILED -> "failed: " + (report.error() == null ? counts : report.error());
            case INTERRUPTED -> "interrupted: " + counts;
            default -> counts;
        };
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

}
