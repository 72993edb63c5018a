package io.hireload.admin.loads;

import io.hireload.admin.testing.Reports;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.Progress;
import io.hireload.model.RejectedRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadProgressTest {

    @Test
    void runningLoadsMoveWithTheBytesRead() {
        LoadProgress progress = LoadProgress.of(Reports.running(7, "employees", 600, 30, 120));
        assertThat(progress.fraction()).isEqualTo(0.25);
        assertThat(progress.caption()).startsWith("600 rows · 25%").contains("rows/s");
    }

    @Test
    void percentIsUsedWhenThereAreNoBytes() {
        LoadReport report = Reports.report(1, "jobs", LoadStatus.RUNNING, 10, 0, 0,
                new Progress(0, 0, 10, 40.0, 0, null), List.of());
        assertThat(LoadProgress.of(report).fraction()).isEqualTo(0.4);
    }

    @Test
    void aLoadWithoutFiguresYetIsIndeterminate() {
        LoadReport queued = Reports.report(1, "jobs", LoadStatus.QUEUED, 0, 0, 0, null, List.of());
        assertThat(LoadProgress.of(queued).fraction()).isEqualTo(LoadProgress.INDETERMINATE);
        assertThat(LoadProgress.of(queued).caption()).isEqualTo("queued");
    }

    @Test
    void aFinishedLoadIsAtTheEndWithItsCounts() {
        LoadReport done = Reports.succeeded(3, "employees", 1999, 1929,
                List.of(new RejectedRow("f", 4, "4,,,,", "name is empty")));
        LoadProgress progress = LoadProgress.of(done);
        assertThat(progress.fraction()).isEqualTo(1.0);
        assertThat(progress.caption()).isEqualTo("done: 1,999 read · 1,929 inserted · 0 updated · 1 rejected");
    }

    @Test
    void aSynchronousReportWithoutStatusCountsAsFinished() {
        LoadReport sync = Reports.report(1, "jobs", null, 183, 183, 0, null, List.of());
        assertThat(LoadProgress.statusOf(sync)).isEqualTo(LoadStatus.SUCCEEDED);
        assertThat(LoadProgress.of(sync).fraction()).isEqualTo(1.0);
    }
}
