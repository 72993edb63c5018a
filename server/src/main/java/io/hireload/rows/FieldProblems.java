package io.hireload.rows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one row by the data rules and collects, in column order, every rule a
 * field breaks, so one rejection tells the whole story.
 */
final class FieldProblems {
    static final int MAX_TEXT = 255;

    private final List<String> problems = new ArrayList<>();

    boolean any() {
        return !problems.isEmpty();
    }

    String reason() {
        return String.join("; ", problems);
    }

    void add(String problem) {
        problems.add(problem);
    }

    /** An integer greater than 0; 0 when the field breaks the rule. */
    int positiveInteger(String column, String value) {
        if (empty(column, value)) {
            return 0;
        }
        String v = value.strip();
        int parsed;
        try {
            parsed = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add(column + " is not an integer: '" + abbreviate(v) + "'");
            return 0;
        }
        if (parsed <= 0) {
            problems.add(column + " must be greater than 0: " + parsed);
            return 0;
        }
        return parsed;
    }

    /** Non-blank text of at most 255 characters, stripped of surrounding spaces. */
    String text(String column, String value) {
        if (empty(column, value)) {
            return null;
        }
        String v = value.strip();
        int length = v.codePointCount(0, v.length());
        if (v.indexOf('\u0000') >= 0) {
            problems.add(column + " contains a NUL character");
            return null;
        }
        if (length > MAX_TEXT) {
            problems.add(column + " is longer than " + MAX_TEXT + " characters (" + length + ")");
            return null;
        }
        return v;
    }

    /**
     * An ISO-8601 instant with {@code Z} or an offset; fractional seconds beyond microseconds are
     * dropped, as PostgreSQL keeps microseconds.
     */
    Instant instant(String column, String value) {
        if (empty(column, value)) {
            return null;
        }
        String v = value.strip();
        Instant fast = FastInstant.parse(v);
        if (fast != null) {
            return fast.truncatedTo(ChronoUnit.MICROS);
        }
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            if (hasNoZone(v)) {
                problems.add(column + " has no time zone: '" + abbreviate(v) + "' (add Z or an offset such as -03:00)");
            } else {
                problems.add(column + " is not an ISO-8601 date and time: '" + abbreviate(v)
                        + "' (expected like 2021-07-27T16:02:08Z)");
            }
            return null;
        }
    }

    private boolean empty(String column, String value) {
        if (value == null || value.isBlank()) {
            problems.add(column + " is empty");
            return true;
        }
        return false;
    }

    private static boolean hasNoZone(String value) {
        try {
            java.time.LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
