package io.hireload.admin.loads;

import io.hireload.admin.support.Formats;
import io.hireload.model.LoadReport;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import java.util.List;

/** The figures of the selected load's report, as an operator reads them after a run. */
final class ReportPane extends GridPane {
    private final Label title = new Label();
    private final List<Figure> figures = List.of(
            new Figure("read", r -> Formats.count(r.rowsRead())),
            new Figure("inserted", r -> Formats.count(r.inserted())),
            new Figure("updated", r -> Formats.count(r.updated())),
            new Figure("unchanged", r -> Formats.count(r.unchanged())),
            new Figure("rejected", r -> Formats.count(r.rejected())),
            new Figure("blank", r -> Formats.count(r.skippedBlank())),
            new Figure("batches", r -> Formats.count(r.batches())),
            new Figure("time", r -> Formats.duration(r.durationMs())));
    private final Label files = new Label();

    ReportPane(ObservableValue<LoadReport> report) {
        setId("load-report");
        getStyleClass().add("report");
        setHgap(18);
        setVgap(2);
        title.getStyleClass().add("subheading");
        title.setId("report-title");
        add(title, 0, 0, figures.size(), 1);
        for (int i = 0; i < figures.size(); i++) {
            Figure figure = figures.get(i);
            figure.value.setId("report-" + figure.name);
            figure.value.getStyleClass().add("figure");
            // A figure is never cut to "5,000…": it takes the width its text needs.
            figure.value.setMinWidth(Region.USE_PREF_SIZE);
            Label name = new Label(figure.name);
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.getStyleClass().add("figure-name");
            add(figure.value, i, 1);
            add(name, i, 2);
        }
        files.getStyleClass().add("hint");
        files.setWrapText(true);
        add(files, 0, 3, figures.size(), 1);
        show(report.getValue());
        report.addListener((obs, old, now) -> show(now));
    }

    private void show(LoadReport report) {
        if (report == null) {
            title.setText("Select a load to see its report.");
            figures.forEach(f -> f.value.setText("–"));
            files.setText("");
            return;
        }
        title.setText("Load " + report.loadId() + " · " + report.table() + " · " + Outcome.label(report)
                + (report.startedAt() == null ? "" : " · " + Formats.when(report.startedAt())));
        title.getStyleClass().removeAll(Outcome.allStyleClasses());
        title.getStyleClass().add(Outcome.of(report).styleClass());
        figures.forEach(f -> f.value.setText(f.read.apply(report)));
        String from = report.files() == null || report.files().isEmpty() ? "" : "from " + String.join(", ", report.files());
        files.setText(report.error() == null ? from : report.error() + (from.isEmpty() ? "" : " · " + from));
    }

    private record Figure(String name, java.util.function.Function<LoadReport, String> read, Label value) {
        Figure(String name, java.util.function.Function<LoadReport, String> read) {
            this(name, read, new Label());
        }
    }
}
