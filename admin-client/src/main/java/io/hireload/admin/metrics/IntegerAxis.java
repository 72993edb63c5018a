package io.hireload.admin.metrics;

import io.hireload.admin.support.Formats;
import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

/**
 * A count axis from 0: ticks on whole numbers only (a count of 0.25 hires means nothing), at a step
 * of 1, 2 or 5 times a power of ten that leaves at most {@link #TICKS} of them, labelled with
 * thousands separators. NumberAxis's own auto-ranging picks 0.25 steps for small counts (and the
 * class is final), so a chart makes its axis here and fits it to its data with {@link #fit}.
 */
final class IntegerAxis {
    static final int TICKS = 8;

    private IntegerAxis() {
    }

    static NumberAxis create() {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRanging(false);
        axis.setAnimated(false);
        axis.setMinorTickVisible(false);
        axis.setLowerBound(0);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return Formats.count(Math.round(value.doubleValue()));
            }

            @Override
            public Number fromString(String text) {
                return Long.parseLong(text.replace(",", ""));
            }
        });
        fit(axis, 0);
        return axis;
    }

    /** Makes {@code axis} reach at least {@code max}, on a whole step. */
    static void fit(NumberAxis axis, double max) {
        double top = Math.max(1, Math.ceil(max));
        double step = step(top);
        axis.setTickUnit(step);
        axis.setUpperBound(Math.ceil(top / step) * step);
    }

    /** 1, 2, 5, 10, 20, 50 ...: the smallest that draws at most {@link #TICKS} steps up to {@code top}. */
    static double step(double top) {
        double step = 1;
        while (top / step > TICKS) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            double mantissa = Math.round(step / magnitude);
            step = (mantissa < 2 ? 2 : mantissa < 5 ? 5 : 10) * magnitude;
        }
        return step;
    }
}
