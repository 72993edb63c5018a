package io.hireload.admin.metrics;

import io.hireload.admin.support.NoticeLabel;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Metrics tab: the 2021 hires by quarter, drillable, and the departments above the mean. */
public final class MetricsView extends VBox {
    private static final String ALL = "All departments";

    public MetricsView(MetricsViewModel model) {
        setId("metrics-view");
        getStyleClass().add("view");
        setSpacing(8);
        setPadding(new Insets(12));

        Button refresh = new Button("Refresh");
        refresh.setId("refresh-metrics");
        refresh.disableProperty().bind(model.busyProperty());
        refresh.setOnAction(event -> model.refresh());

        ComboBox<String> department = new ComboBox<>();
        department.setId("drill-department");
        department.getItems().add(ALL);
        department.setValue(ALL);
        model.departments().addListener((ListChangeListener<QuarterTotals>) change -> {
            department.getItems().setAll(ALL);
            model.departments().forEach(d -> department.getItems().add(d.label()));
            department.setValue(model.drilledProperty().get() == null ? ALL : model.drilledProperty().get());
        });
        department.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.drillInto(ALL.equals(now) ? null : now);
            }
        });
        model.drilledProperty().addListener((obs, old, now) -> department.setValue(now == null ? ALL : now));

        Button back = new Button("Back to all departments");
        back.setId("drill-out");
        back.disableProperty().bind(model.drilledProperty().isNull());
        back.setOnAction(event -> model.drillOut());

        Label year = new Label("Year 2021");
        year.getStyleClass().add("subheading");

        ToolBar bar = new ToolBar(year, refresh, new Label("Show"), department, back);

        Label quarterTitle = new Label();
        quarterTitle.getStyleClass().add("subheading");
        quarterTitle.textProperty().bind(Bindings.createStringBinding(() -> model.drilledProperty().get() == null
                ? "Hires per department by quarter (click a bar for its jobs)"
                : "Hires per job in " + model.drilledProperty().get() + " by quarter", model.drilledProperty()));
        QuarterChart quarters = new QuarterChart(model.bars(), model::drillInto);
        VBox.setVgrow(quarters, Priority.ALWAYS);
        VBox left = new VBox(4, quarterTitle, quarters);

        Label topTitle = new Label("Departments that hired more than the mean");
        topTitle.getStyleClass().add("subheading");
        AboveMeanChart top = new AboveMeanChart(model.top(), model.meanProperty());
        VBox.setVgrow(top, Priority.ALWAYS);
        VBox right = new VBox(4, topTitle, top);

        HBox charts = new HBox(10, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(600);
        right.setPrefWidth(420);

        Label tableTitle = new Label("Hires by department and job, 2021");
        tableTitle.getStyleClass().add("subheading");
        VBox table = new VBox(4, tableTitle, new ByQuarterTable(model.byQuarter()));
        VBox.setVgrow(table.getChildren().get(1), Priority.ALWAYS);

        SplitPane split = new SplitPane(charts, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.64);
        VBox.setVgrow(split, Priority.ALWAYS);

        getChildren().addAll(bar, new NoticeLabel("metrics-notice", model.noticeProperty()), split);
    }
}
