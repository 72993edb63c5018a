package io.hireload.admin.metrics;

import io.hireload.admin.support.Formats;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A year's hires as horizontal stacked bars, one bar per department (or job), one colour per quarter.
 * Horizontal because department and job names are long; clicking a bar drills into it.
 */
final class QuarterChart extends StackedBarChart<Number, String> {
    private final ObservableList<QuarterTotals> bars;
    private final Consumer<String> onBarClicked;

    QuarterChart(ObservableList<QuarterTotals> bars, Consumer<String> onBarClicked) {
        super(IntegerAxis.create(), new CategoryAxis());
        this.bars = bars;
        this.onBarClicked = onBarClicked;
        setId("quarter-chart");
        // Animated axes fade tick labels in; a chart redrawn at once (or snapshotted) would show none.
        setAnimated(false);
        getXAxis().setAnimated(false);
        getYAxis().setAnimated(false);
        setLegendVisible(true);
        getXAxis().setLabel("hires");
        setCategoryGap(6);
        bars.addListener((ListChangeListener<QuarterTotals>) change -> redraw());
        redraw();
    }

    private void redraw() {
        // The vertical category axis draws its first category at the bottom: feed the bars in
        // reverse so they read top-down in the server's (alphabetical) order.
        List<QuarterTotals> bottomUp = new ArrayList<>(bars);
        Collections.reverse(bottomUp);
        IntegerAxis.fit((javafx.scene.chart.NumberAxis) getXAxis(), bars.stream().mapToInt(QuarterTotals::total).max().orElse(0));
        getData().clear();
        // A category axis keeps the categories it has seen; a drill-down must show only its own.
        ((CategoryAxis) getYAxis()).getCategories().setAll(bottomUp.stream().map(QuarterTotals::label).toList());
        for (int quarter = 1; quarter <= 4; quarter++) {
            XYChart.Series<Number, String> series = new XYChart.Series<>();
            series.setName("Q" + quarter);
            for (QuarterTotals bar : bottomUp) {
                XYChart.Data<Number, String> data = new XYChart.Data<>(bar.quarter(quarter), bar.label());
                String tip = bar.label() + " · Q" + quarter + ": " + Formats.count(bar.quarter(quarter)) + " of "
                        + Formats.count(bar.total());
                data.nodeProperty().addListener((obs, old, node) -> decorate(node, bar.label(), tip));
                series.getData().add(data);
            }
            getData().add(series);
        }
        for (XYChart.Series<Number, String> series : getData()) {
            for (XYChart.Data<Number, String> data : series.getData()) {
                if (data.getNode() != null) {
                    decorate(data.getNode(), data.getYValue(),
                            data.getYValue() + " · " + series.getName() + ": " + data.getXValue());
                }
            }
        }
    }

    private void decorate(Node node, String label, String tip) {
        if (node == null || node.getProperties().containsKey("decorated")) {
            return;
        }
        node.getProperties().put("decorated", true);
        Tooltip.install(node, new Tooltip(tip));
        node.setCursor(Cursor.HAND);
        node.setOnMouseClicked(event -> onBarClicked.accept(label));
    }

    /** How many bars and series are drawn, for tests and the caption. */
    int seriesCount() {
        return getData().size();
    }
}
