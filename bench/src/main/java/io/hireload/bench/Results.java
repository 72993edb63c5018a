package io.hireload.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's figures, each with its same-run reference and ratio, its correctness checks and its raw
 * measurements; {@link Summary} takes the runs together.
 */
final class Results {
    /**
     * A measured value, the reference it is compared with, and the target on their ratio; a
     * reference that could not be taken in this run has no value and no ratio.
     */
    record Figure(String name, double value, String unit, String reference, Double referenceValue,
                  String referenceUnit, Double ratio, Target target, String note) {
        Boolean met() {
            return target == null || ratio == null ? null : target.met(ratio);
        }
    }

    record Check(String name, boolean ok, String detail) {
    }

    final int run;
    final Map<String, Object> measurements = new LinkedHashMap<>();
    final List<Figure> figures = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();
    String error;

    Results(int run) {
        this.run = run;
    }

    /** A figure held to {@code target} on its ratio (value / reference; none when the reference is 0). */
    void figure(String name, double value, String unit, String reference, double referenceValue, String referenceUnit,
                Target target, String note) {
        Double ratio = referenceValue == 0 ? null : value / referenceValue;
        figures.add(new Figure(name, value, unit, reference, referenceValue, referenceUnit, ratio, target, note));
    }

    /** A figure shown for information: its ratio has no target. */
    void info(String name, double value, String unit, String reference, double referenceValue, String referenceUnit,
              String note) {
        Double ratio = referenceValue == 0 ? null : value / referenceValue;
        figures.add(new Figure(name, value, unit, reference, referenceValue, referenceUnit, ratio, null, note));
    }

    /** A figure whose reference was skipped in this run, with the reason in its place. */
    void unreferenced(String name, double value, String unit, String whySkipped, String note) {
        figures.add(new Figure(name, value, unit, whySkipped, null, "", null, null, note));
    }

    /** Records a check and says it at once, so a long run shows a failure when it happens. */
    void check(String name, boolean ok, String detail) {
        checks.add(new Check(name, ok, detail));
        System.out.println((ok ? "  ok     " : "  FAILED ") + name + ": " + detail);
    }

    boolean checksPassed() {
        return error == null && checks.stream().allMatch(Check::ok);
    }
}
