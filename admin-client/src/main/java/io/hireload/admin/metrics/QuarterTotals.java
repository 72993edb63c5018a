package io.hireload.admin.metrics;

/** Hires in Q1..Q4 of a year for one bar of the chart: a department, or one of its jobs. */
public record QuarterTotals(String label, int q1, int q2, int q3, int q4) {

    public int total() {
        return q1 + q2 + q3 + q4;
    }

    public int quarter(int number) {
        return switch (number) {
            case 1 -> q1;
            case 2 -> q2;
            case 3 -> q3;
            case 4 -> q4;
            default -> throw new IllegalArgumentException("quarter " + number);
        };
    }

    QuarterTotals plus(int a, int b, int c, int d) {
        return new QuarterTotals(label, q1 + a, q2 + b, q3 + c, q4 + d);
    }
}
