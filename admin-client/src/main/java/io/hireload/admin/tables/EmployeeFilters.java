package io.hireload.admin.tables;

import io.hireload.model.EmployeeSearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The search bar's text as the server's filters. Dates are accepted as well as instants, read in
 * UTC as the server reads hire dates: "from 2021-01-01" starts that day, "to 2021-12-31" includes
 * that day (the server's {@code hired_to} is exclusive, so a date means the next day's start).
 */
public final class EmployeeFilters {
    private EmployeeFilters() {
    }

    /** The search, or an {@link IllegalArgumentException} whose message tells the operator what to fix. */
    public static EmployeeSearch parse(String name, String departmentId, String jobId, String from, String to) {
        return new EmployeeSearch(blankToNull(name), id("department id", departmentId), id("job id", jobId),
                instant("hired from", from, false), instant("hired to", to, true));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Integer id(String what, String text) {
        String v = blankToNull(text);
        if (v == null) {
            return null;
        }
        try {
            int id = Integer.parseInt(v);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("The " + what + " must be a whole number above 0, not '" + v + "'.");
    }

    private static Instant instant(String what, String text, boolean endOfDay) {
        String v = blankToNull(text);
        if (v == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(v);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("The " + what + " must be a date (2021-07-27) or an instant with a "
                        + "zone (2021-07-27T16:02:08Z), not '" + v + "'.");
            }
        }
    }
}
