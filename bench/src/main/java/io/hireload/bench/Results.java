package io.hireload.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every figure with its same-run reference and ratio, every correctness check, and the machine. */
final class Results {
    /**
     * A measured value, the reference it is compared with, and the target on their ratio; a
     * reference that could not be taken in this run has no value and no ratio.
     */
    record Figure(String name, double value, String unit, String reference, Double referenceValue,
                  String referenceUnit, Double ratio, String target, Boolean met, String note) {
    }

    record Check(String name, boolean ok, String detail) {
    }

    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> parameters = new LinkedHashMap<>();
    final Map<String, Object> measurements = new LinkedHashMap<>();
    final List<Figure> figures = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();
    String error;

    /** A figure whose ratio (value / reference) must stay at or below {@code max}. */
    void atMost(String name, double value, String unit, String reference, double referenceValue, String referenceUnit,
                double max, String note) {
        double ratio = value / referenceValue;
        figures.add(new Figure(name, value, unit, reference, referenceValue, referenceUnit, ratio,
                "<= " + target(max), ratio <= max, note));
    }

    /** A figure whose ratio (value / reference) must stay below {@code max}. */
    void below(String name, double value, String unit, String reference, double referenceValue, String referenceUnit,
               double max, String note) {
        double ratio = value / referenceValue;
        figures.add(new Figure(name, value, unit, reference, referenceValue, referenceUnit, ratio,
                "< " + target(max), ratio < max, note));
    }

    /** A figure whose ratio (value / reference) must reach at least {@code min}. */
    void atLeast(String name, double value, String unit, String reference, double referenceValue, String referenceUnit,
                 double min, String note) {
        double ratio = value / referenceValue;
        figures.add(new Figure(name, value, unit, reference, referenceValue, referenceUnit, ratio,
                ">= " + target(min), ratio >= min, note));
    }

    /** A figure shown for information: its ratio has no target. */
    void info(String name, double value, String unit, String reference, double referenceValue, String referenceUnit,
              String note) {
        Double ratio = referenceValue == 0 ? null : value / referenceValue;
        figures.add(new Figure(name, value, unit, reference, referenceValue, referenceUnit, ratio, "", null, note));
    }

    /** A figure whose reference was skipped in this run, with the reason in its place. */
    void unreferenced(String name, double value, String unit, String whySkipped, String note) {
        figures.add(new Figure(name, value, unit, whySkipped, null, "", null, "", null, note));
    }

    /** Records a check and says it at once, so a long run shows a failure when it happens. */
    void check(String name, boolean ok, String detail) {
        checks.add(new Check(name, ok, detail));
        System.out.println((ok ? "  ok     " : "  FAILED ") + name + ": " + detail);
    }

    boolean checksPassed() {
        return error == null && checks.stream().allMatch(Check::ok);
    }

    boolean targetsMet() {
        return figures.stream().allMatch(f -> f.met() == null || f.met());
    }

    void print(PrintStream out) {
        out.println();
        out.println("hireload benchmark: " + machine);
        out.println("parameters: " + parameters);
        out.println();
        String row = "%-44s %14s  %-34s %14s  %7s  %-7s %s%n";
        out.printf(row, "figure", "value", "reference (same run)", "reference", "ratio", "target", "");
        out.println("-".repeat(132));
        for (Figure f : figures) {
            out.printf(row, f.name(), fmt(f.value()) + " " + f.unit(), f.reference(),
                    f.referenceValue() == null ? "-" : fmt(f.referenceValue()) + " " + f.referenceUnit(),
                    f.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()), f.target(),
                    f.met() == null ? "" : f.met() ? "met" : "MISSED");
            if (f.note() != null && !f.note().isBlank()) {
                out.println("    " + f.note());
            }
        }
        out.println();
        for (Check c : checks) {
            out.printf("%-6s %s: %s%n", c.ok() ? "ok" : "FAILED", c.name(), c.detail());
        }
        if (error != null) {
            out.println("ERROR  " + error);
        }
        out.println();
        out.println((checksPassed() ? "checks: all passed" : "checks: FAILED") + "; targets: "
                + (targetsMet() ? "all met" : "some MISSED"));
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("parameters", parameters);
        json.put("figures", figures);
        json.put("measurements", measurements);
        json.put("checks", checks);
        json.put("checks_passed", checksPassed());
        json.put("targets_met", targetsMet());
        json.put("error", error);
        new ObjectMapper().setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    /** A target as SPEC writes it: 0.35 stays 0.35, 1.2 stays 1.2. */
    private static String target(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
