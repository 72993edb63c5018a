package io.hireload.admin.loads;

import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;

/**
 * How a load ended as an operator judges it, which is more than its status: a load that
 * "succeeded" with every row rejected wrote nothing. Each outcome has its one style class, so the
 * history, the bars and the report colour it alike.
 */
public enum Outcome {
    RUNNING("outcome-running"),
    CLEAN("outcome-clean"),
    /** Ended with some rows rejected: amber. */
    SOME_REJECTED("outcome-some-rejected"),
    /** Ended with rows read and every one rejected, or failed, or was stopped: red. */
    ALL_REJECTED("outcome-bad"),
    FAILED("outcome-bad");

    private final String styleClass;

    Outcome(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }

    public static Outcome of(LoadReport report) {
        LoadStatus status = LoadProgress.statusOf(report);
        if (!status.finished()) {
            return RUNNING;
        }
        if (status != LoadStatus.SUCCEEDED) {
            return FAILED;
        }
        if (report.rejected() == 0) {
            return CLEAN;
        }
        boolean nothingAccepted = report.inserted() + report.updated() + report.unchanged() == 0;
        return nothingAccepted ? ALL_REJECTED : SOME_REJECTED;
    }

    /** What the history and the report say: the status, and "all rows rejected" where that is the news. */
    public static String label(LoadReport report) {
        String said = LoadProgress.statusOf(report).wire();
        if (of(report) == ALL_REJECTED) {
            said += ", all rows rejected";
        } else if (of(report) == SOME_REJECTED) {
            said += ", some rejected";
        }
        return said + (report.dryRun() ? " (dry run)" : "");
    }

    /** Every class this enum may put on a node, to remove before adding the current one. */
    public static String[] allStyleClasses() {
        return java.util.Arrays.stream(values()).map(Outcome::styleClass).distinct().toArray(String[]::new);
    }
}
