package io.hireload.admin.metrics;

import io.hireload.model.TopDepartment;
import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;

import java.util.Locale;

/**
 * The departments that hired more than the mean in a year, with the mean drawn across the plot as a
 * dashed line: the chart answers "above what?" without reading the axis.
 */
final class AboveMeanChart extends BarChart<String, Number> {
    private final Line meanLine = new Line();
    private final Label meanLabel = new Label();
    private final DoubleProperty mean;

    AboveMeanChart(ObservableList<TopDepartment> top, DoubleProperty mean) {
        super(new CategoryAxis(), new NumberAxis());
        this.mean = mean;
        setId("above-mean-chart");
        setAnimated(false);
        getXAxis().setAnimated(false);
        getYAxis().setAnimated(false);
        setLegendVisible(false);
        getYAxis().setLabel("hires");
        meanLine.getStyleClass().add("mean-line");
        meanLine.setId("mean-line");
        meanLabel.getStyleClass().add("mean-label");
        meanLabel.setId("mean-label");
        getPlotChildren().addAll(meanLine, meanLabel);
        top.addListener((ListChangeListener<TopDepartment>) change -> redraw(top));
        mean.addListener((obs, old, now) -> {
            // The axis must reach the mean even when every bar is just above it.
            requestChartLayout();
            meanLabel.setText(String.format(Locale.ROOT, "mean %.1f", now.doubleValue()));
        });
        meanLabel.setText(String.format(Locale.ROOT, "mean %.1f", mean.get()));
        redraw(top);
    }

    private void redraw(ObservableList<TopDepartment> top) {
        getData().clear();
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("hired");
        for (TopDepartment department : top) {
            XYChart.Data<String, Number> data = new XYChart.Data<>(department.department(), department.hired());
            data.nodeProperty().addListener((obs, old, node) -> {
                if (node != null) {
                    Tooltip.install(node, new Tooltip(department.department() + ": " + department.hired()));
                }
            });
            series.getData().add(data);
        }
        getData().add(series);
        getPlotChildren().removeAll(meanLine, meanLabel);
        getPlotChildren().addAll(meanLine, meanLabel);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        boolean show = mean.get() > 0 && !getData().isEmpty() && !getData().get(0).getData().isEmpty();
        meanLine.setVisible(show);
        meanLabel.setVisible(show);
        if (!show) {
            return;
        }
        double y = getYAxis().getDisplayPosition(mean.get());
        double width = getXAxis().getWidth();
        meanLine.setStartX(0);
        meanLine.setEndX(width);
        meanLine.setStartY(y);
        meanLine.setEndY(y);
        meanLine.toFront();
        meanLabel.autosize();
        meanLabel.relocate(Math.max(0, width - meanLabel.getWidth() - 4), y - meanLabel.getHeight() - 2);
        meanLabel.toFront();
    }

    @Override
    protected void updateAxisRange() {
        super.updateAxisRange();
        // Auto-ranging sees only the bars; nudge the upper bound so the mean line is in view.
        if (getYAxis() instanceof NumberAxis axis && axis.isAutoRanging() && mean.get() > 0) {
            java.util.List<Number> values = new java.util.ArrayList<>();
            values.add(0);
            values.add(mean.get());
            for (XYChart.Series<String, Number> series : getData()) {
                for (XYChart.Data<String, Number> data : series.getData()) {
                    values.add(data.getYValue());
                }
            }
            axis.invalidateRange(values);
        }
    }
}
