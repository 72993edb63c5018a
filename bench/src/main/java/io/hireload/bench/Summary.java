package io.hireload.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The runs of one {@code make bench} taken together: every figure's median, min and max over the
 * runs (its ratio held to its target by the median), every check of every run, and the comparison
 * with a baseline when one was given. Prints the table and writes {@code bench-results.json}.
 */
final class Summary {
    /** One figure over the runs that measured it. */
    record Row(String name, String unit, String reference, String referenceUnit, Target target,
               double[] values, double[] references, double[] ratios, List<String> notes) {
        Double ratio() {
            return ratios.length == 0 ? null : median(ratios);
        }

        Boolean met() {
            return target == null || ratios.length == 0 ? null : target.met(median(ratios));
        }
    }

    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> parameters = new LinkedHashMap<>();
    final List<Results> runs = new ArrayList<>();
    String error;
    private Baseline baseline;

    void compareWith(Baseline baseline) {
        this.baseline = baseline;
    }

    /** The figures in the order the first run that measured them did. */
    List<Row> rows() {
        Map<String, List<Results.Figure>> byName = new LinkedHashMap<>();
        for (Results run : runs) {
            for (Results.Figure f : run.figures) {
                byName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f);
            }
        }
        List<Row> rows = new ArrayList<>();
        byName.forEach((name, figures) -> {
            Results.Figure first = figures.get(0);
            rows.add(new Row(name, first.unit(), first.reference(), first.referenceUnit(), first.target(),
                    figures.stream().mapToDouble(Results.Figure::value).toArray(),
                    figures.stream().map(Results.Figure::referenceValue).filter(Objects::nonNull)
                            .mapToDouble(Double::doubleValue).toArray(),
                    figures.stream().map(Results.Figure::ratio).filter(Objects::nonNull)
                            .mapToDouble(Double::doubleValue).toArray(),
                    figures.stream().map(Results.Figure::note).toList()));
        });
        return rows;
    }

    boolean checksPassed() {
        return error == null && runs.stream().allMatch(Results::checksPassed);
    }

    boolean targetsMet() {
        return rows().stream().allMatch(r -> r.met() == null || r.met());
    }

    void print(PrintStream out) {
        out.println();
        out.println("hireload benchmark: " + machine);
        out.println("parameters: " + parameters);
        out.println();
        String row = "%-58s %14s  %-52s %14s  %6s  %-13s %-9s %-4s %s%n";
        out.printf(row, "figure (median of " + runs.size() + " run(s))", "value", "reference (same run)", "reference",
                "ratio", "spread", "target", "", baseline == null ? "" : "vs baseline");
        out.println("-".repeat(190));
        for (Row r : rows()) {
            Double ratio = r.ratio();
            out.printf(row, r.name(), fmt(median(r.values())) + " " + r.unit(), r.reference(),
                    r.references().length == 0 ? "-" : fmt(median(r.references())) + " " + r.referenceUnit(),
                    ratio == null ? "" : ratio(ratio),
                    r.ratios().length < 2 ? "" : ratio(min(r.ratios())) + ".." + ratio(max(r.ratios())),
                    r.target() == null ? "" : r.target().written(), r.met() == null ? "" : r.met() ? "PASS" : "MISS",
                    baseline == null ? "" : baseline.verdict(r));
            for (int i = 0; i < r.notes().size(); i++) {
                String note = r.notes().get(i);
                if (note != null && !note.isBlank()) {
                    out.println("    " + (r.notes().size() > 1 ? "run " + (i + 1) + ": " : "") + note);
                }
            }
        }
        out.println();
        // Every check was said as it ran; here the failed ones again, and how many passed.
        long passed = 0;
        for (Results run : runs) {
            for (Results.Check c : run.checks) {
                if (c.ok()) {
                    passed++;
                } else {
                    out.printf("FAILED run %d, %s: %s%n", run.run, c.name(), c.detail());
                }
            }
            if (run.error != null) {
                out.println("ERROR  run " + run.run + ": " + run.error);
            }
        }
        out.println("ok     " + passed + " checks passed in " + runs.size() + " run(s)");
        if (error != null) {
            out.println("ERROR  " + error);
        }
        out.println();
        out.println((checksPassed() ? "checks: all passed" : "checks: FAILED") + "; targets (by the median): "
                + (targetsMet() ? "all PASS" : "some MISS")
                + (baseline == null ? "" : "; against " + baseline.source() + ": " + baseline.overall(rows())));
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("parameters", parameters);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Row r : rows()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", r.name());
            f.put("value", r.values().length == 0 ? null : median(r.values()));
            f.put("unit", r.unit());
            f.put("reference", r.reference());
            f.put("reference_value", r.references().length == 0 ? null : median(r.references()));
            f.put("reference_unit", r.referenceUnit());
            // "ratio" is the median: what an earlier bench-results.json called the figure's ratio.
            f.put("ratio", r.ratio());
            f.put("ratio_min", r.ratios().length == 0 ? null : min(r.ratios()));
            f.put("ratio_max", r.ratios().length == 0 ? null : max(r.ratios()));
            f.put("ratios", r.ratios());
            f.put("values", r.values());
            f.put("reference_values", r.references());
            f.put("target", r.target() == null ? "" : r.target().written());
            f.put("met", r.met());
            if (baseline != null) {
                f.put("baseline", baseline.comparison(r));
            }
            figures.add(f);
        }
        json.put("figures", figures);
        List<Map<String, Object>> runList = new ArrayList<>();
        for (Results run : runs) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("run", run.run);
            one.put("figures", run.figures.stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", f.name());
                m.put("value", f.value());
                m.put("reference_value", f.referenceValue());
                m.put("ratio", f.ratio());
                m.put("met", f.met());
                m.put("note", f.note());
                return m;
            }).toList());
            one.put("measurements", run.measurements);
            one.put("checks", run.checks);
            one.put("checks_passed", run.checksPassed());
            one.put("error", run.error);
            runList.add(one);
        }
        json.put("runs", runList);
        json.put("checks_passed", checksPassed());
        json.put("targets_met", targetsMet());
        json.put("baseline", baseline == null ? null : baseline.source());
        json.put("error", error);
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
