package io.hireload.admin.metrics;

import io.hireload.model.HiredByQuarter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the charts show, derived from the server's by-quarter rows. The server already orders them
 * by department then job, so first-seen order is the order to draw.
 */
public final class HiringFigures {

    private HiringFigures() {
    }

    /** One bar per department: its jobs' hires added up per quarter. */
    public static List<QuarterTotals> byDepartment(List<HiredByQuarter> rows) {
        Map<String, QuarterTotals> totals = new LinkedHashMap<>();
        for (HiredByQuarter row : rows) {
            totals.merge(row.department(), new QuarterTotals(row.department(), row.q1(), row.q2(), row.q3(), row.q4()),
                    (sum, more) -> sum.plus(more.q1(), more.q2(), more.q3(), more.q4()));
        }
        return List.copyOf(totals.values());
    }

    /** How many jobs the drill-down draws on their own; the rest share one bar. */
    public static final int TOP_JOBS = 15;
    /** The bar of the jobs beyond the top ones. */
    public static final String OTHERS = "all others";

    /**
     * The drill-down: one bar per job of {@code department}, the {@link #TOP_JOBS} that hired most
     * (ties by name), then one bar of {@link #OTHERS} adding up the rest with how many they are.
     * Seventy bars in a chart's height left none a pixel tall.
     */
    public static List<QuarterTotals> jobsOf(List<HiredByQuarter> rows, String department) {
        List<QuarterTotals> jobs = rows.stream()
                .filter(row -> row.department().equals(department))
                .map(row -> new QuarterTotals(row.job(), row.q1(), row.q2(), row.q3(), row.q4()))
                .sorted(java.util.Comparator.comparingInt(QuarterTotals::total).reversed()
                        .thenComparing(QuarterTotals::label))
                .toList();
        if (jobs.size() <= TOP_JOBS + 1) {
            return jobs;
        }
        List<QuarterTotals> rest = jobs.subList(TOP_JOBS, jobs.size());
        QuarterTotals others = new QuarterTotals(OTHERS + " (" + rest.size() + " jobs)", 0, 0, 0, 0);
        for (QuarterTotals job : rest) {
            others = others.plus(job.q1(), job.q2(), job.q3(), job.q4());
        }
        List<QuarterTotals> shown = new java.util.ArrayList<>(jobs.subList(0, TOP_JOBS));
        shown.add(others);
        return List.copyOf(shown);
    }

    public static List<HiredByQuarter> rowsOf(List<HiredByQuarter> rows, String department) {
        return department == null ? rows : rows.stream().filter(row -> row.department().equals(department)).toList();
    }
}
