package io.hireload.metrics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The UTC year and quarter of a hire, for the Java side of the metrics (the deltas of batches
 * COPYed without triggers). The SQL side is {@code hire_year}/{@code hire_quarter} of migration
 * V14; {@code HireQuarterTest} holds the two to the same answers.
 */
public record HireQuarter(int year, int quarter) {
    private static final long SECONDS_PER_DAY = 86_400;

    /** The UTC calendar day without time-zone rules: a tenth of the cost of a ZonedDateTime. */
    public static HireQuarter of(Instant hiredAt) {
        LocalDate utc = LocalDate.ofEpochDay(Math.floorDiv(hiredAt.getEpochSecond(), SECONDS_PER_DAY));
        return new HireQuarter(utc.getYear(), (utc.getMonthValue() + 2) / 3);
    }
}
