package io.hireload.admin.metrics;

import io.hireload.admin.support.Formats;
import io.hireload.model.TopDepartment;
import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;


/**
 * The departments that hired more than the mean in a year, with the mean drawn across the plot as a
 * dashed line: the chart answers "above what?" without reading the axis. The line's figure is a
 * label outside the plot ({@link #meanLabel()}, placed by the view): inside, it covered the bars.
 */
final class AboveMeanChart extends BarChart<String, Number> {
    private final Line meanLine = new Line();
    private final Label meanLabel = new Label();
    private final DoubleProperty mean;

    AboveMeanChart(ObservableList<TopDepartment> top, DoubleProperty mean) {
        super(new CategoryAxis(), IntegerAxis.create());
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
        getPlotChildren().add(meanLine);
        top.addListener((ListChangeListener<TopDepartment>) change -> redraw(top));
        mean.addListener((obs, old, now) -> {
            // The axis must reach the mean even when every bar is just above it.
            requestChartLayout();
            meanLabel.setText(meanText(now.doubleValue()));
        });
        meanLabel.setText(meanText(mean.get()));
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
                    Tooltip.install(node, new Tooltip(department.department() + ": " + Formats.count(department.hired())));
                }
            });
            series.getData().add(data);
        }
        getData().add(series);
        getPlotChildren().remove(meanLine);
        getPlotChildren().add(meanLine);
        requestChartLayout();
    }

    /** "mean 123,782.4 (dashed line)", beside the chart's title. */
    Label meanLabel() {
        return meanLabel;
    }

    private static String meanText(double value) {
        return "mean " + Formats.decimal(value) + " (dashed line)";
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        boolean show = mean.get() > 0 && !getData().isEmpty() && !getData().get(0).getData().isEmpty();
        meanLine.setVisible(show);
        meanLabel.setVisible(show);
        meanLabel.setManaged(show);
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
    }

    @Override
    protected void updateAxisRange() {
        super.updateAxisRange();
        // The axis must reach the mean even when every bar is just above it.
        double max = mean.get();
        for (XYChart.Series<String, Number> series : getData()) {
            for (XYChart.Data<String, Number> data : series.getData()) {
                max = Math.max(max, data.getYValue().doubleValue());
            }
        }
        IntegerAxis.fit((javafx.scene.chart.NumberAxis) getYAxis(), max);
    }
}
