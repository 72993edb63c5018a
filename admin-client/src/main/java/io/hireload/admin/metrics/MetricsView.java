package io.hireload.admin.metrics;

import io.hireload.admin.support.NoticeLabel;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Metrics tab: a year's hires by quarter, drillable, and the departments above the mean. */
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

        ChoiceBox<Integer> year = new ChoiceBox<>();
        year.setId("metrics-year");
        year.getItems().setAll(MetricsViewModel.years());
        year.setValue(model.yearProperty().get());
        year.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.yearProperty().set(now);
            }
        });

        ToolBar bar = new ToolBar(new Label("Year"), year, refresh, new Label("Show"), department, back);

        Label quarterTitle = new Label();
        quarterTitle.getStyleClass().add("subheading");
        quarterTitle.textProperty().bind(Bindings.createStringBinding(() -> model.drilledProperty().get() == null
                ? model.yearProperty().get() + " hires per department by quarter (click a bar for its jobs)"
                : model.yearProperty().get() + " hires per job in " + model.drilledProperty().get() + " by quarter",
                model.drilledProperty(), model.yearProperty()));
        QuarterChart quarters = new QuarterChart(model.bars(), model::drillInto);
        VBox.setVgrow(quarters, Priority.ALWAYS);
        VBox left = new VBox(4, quarterTitle, quarters);

        Label topTitle = new Label();
        topTitle.textProperty().bind(Bindings.createStringBinding(
                () -> "Departments that hired more than the mean in " + model.yearProperty().get(), model.yearProperty()));
        topTitle.getStyleClass().add("subheading");
        AboveMeanChart top = new AboveMeanChart(model.top(), model.meanProperty());
        VBox.setVgrow(top, Priority.ALWAYS);
        VBox right = new VBox(4, topTitle, top.meanLabel(), top);

        HBox charts = new HBox(10, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(600);
        right.setPrefWidth(420);

        Label tableTitle = new Label();
        tableTitle.textProperty().bind(Bindings.createStringBinding(
                () -> "Hires by department and job, " + model.yearProperty().get(), model.yearProperty()));
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
