package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An earlier {@code bench-results.json} (BENCH_BASELINE) and the rule that says whether a figure
 * moved: a ratio is unchanged within noise when its spread over this run's runs and the baseline's
 * overlap, or when the medians are within {@link #NOISE} of each other (one run's ratio on this
 * shared machine is good to about that, docs/PERFORMANCE.md). Reads this format and the one
 * before it (one ratio per figure, no spread).
 */
record Baseline(String source, Map<String, Spread> ratios) {
    /** Relative difference of two medians taken as noise. */
    static final double NOISE = 0.15;

    /** A ratio's median and the range it took over its runs. */
    record Spread(double median, double min, double max) {
    }

    static Baseline read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Map<String, Spread> ratios = new LinkedHashMap<>();
        for (JsonNode f : json.path("figures")) {
            JsonNode ratio = f.path("ratio");
            if (ratio.isNumber()) {
                double median = ratio.asDouble();
                ratios.put(f.path("name").asText(), new Spread(median, f.path("ratio_min").asDouble(median),
                        f.path("ratio_max").asDouble(median)));
            }
        }
        String commit = json.path("machine").path("git_commit").asText("");
        return new Baseline(file + (commit.isEmpty() ? "" : " (" + commit + ")"), ratios);
    }

    /**
     * What became of the row's ratio since the baseline, in a few words: unchanged within noise,
     * better or WORSE against its target's direction, or lower or higher for information.
     */
    String verdict(Summary.Row row) {
        Spread before = ratios.get(row.name());
        if (row.ratio() == null) {
            return "";
        }
        if (before == null) {
            return "not in the baseline";
        }
        double now = row.ratio();
        String change = String.format(Locale.ROOT, "%.2f -> %.2f", before.median(), now);
        if (unchanged(before, row)) {
            return "unchanged within noise (" + change + ")";
        }
        boolean lower = now < before.median();
        if (row.target() == null) {
            // Information: which way is better is the reader's to judge.
            return (lower ? "lower" : "higher") + " (" + change + ")";
        }
        return (lower == row.target().lowerIsBetter() ? "better" : "WORSE") + " (" + change + ")";
    }

    Map<String, Object> comparison(Summary.Row row) {
        Spread before = ratios.get(row.name());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("ratio", before == null ? null : before.median());
        c.put("ratio_min", before == null ? null : before.min());
        c.put("ratio_max", before == null ? null : before.max());
        c.put("verdict", verdict(row));
        return c;
    }

    /** "every figure unchanged within noise", or how many moved which way. */
    String overall(List<Summary.Row> rows) {
        long compared = rows.stream().filter(r -> r.ratio() != null && ratios.containsKey(r.name())).count();
        long unchanged = rows.stream().filter(r -> verdict(r).startsWith("unchanged")).count();
        long worse = rows.stream().filter(r -> verdict(r).startsWith("WORSE")).count();
        return compared == unchanged ? "every figure compared (" + compared + ") unchanged within noise"
                : (compared - unchanged) + " of " + compared + " figures moved (" + worse + " worse)";
    }

    private boolean unchanged(Spread before, Summary.Row row) {
        double now = row.ratio();
        boolean overlap = Summary.min(row.ratios()) <= before.max() && before.min() <= Summary.max(row.ratios());
        return overlap || Math.abs(now - before.median()) <= NOISE * Math.abs(before.median());
    }
}
