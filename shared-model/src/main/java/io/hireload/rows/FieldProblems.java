package io.hireload.rows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one row by the data rules and collects, in column order, every rule a
 * field breaks, so one rejection tells the whole story.
 */
final class FieldProblems {
    static final int MAX_TEXT = 255;
    static final int MAX_FRACTION_DIGITS = 6;
    /** The first instant accepted: the start of 1900 in UTC. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The first instant after the range: the start of 2200 in UTC. */
    static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

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

    /**
     * An integer greater than 0 written in ASCII digits (a leading {@code +} allowed); 0 when the
     * field breaks the rule. {@link Integer#parseInt} alone would also read other scripts' digits
     * ({@code ١٢} as 12), a value changed on its way in.
     */
    int positiveInteger(String column, String value) {
        if (empty(column, value)) {
            return 0;
        }
        String v = value.strip();
        int start = v.charAt(0) == '+' || v.charAt(0) == '-' ? 1 : 0;
        boolean digits = start < v.length();
        for (int i = start; i < v.length() && digits; i++) {
            digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
        }
        if (!digits) {
            problems.add(column + " is not an integer: '" + abbreviate(v) + "'");
            return 0;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v);
        } catch (NumberFormatException e) {
            // More digits than a long holds: out of range either way, by its sign.
            parsed = v.charAt(0) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (parsed <= 0) {
            problems.add(column + " must be greater than 0: " + abbreviate(v));
            return 0;
        }
        if (parsed > Integer.MAX_VALUE) {
            problems.add(column + " is too large: " + abbreviate(v) + " (at most " + Integer.MAX_VALUE + ")");
            return 0;
        }
        return (int) parsed;
    }

    /**
     * Non-blank text of at most 255 characters, stripped of surrounding white space, that is valid
     * Unicode without NUL. Characters are Unicode code points, as PostgreSQL's {@code varchar(255)}
     * counts them in a UTF-8 database: an emoji is one, {@code e} plus a combining accent two.
     * Nothing is normalised or replaced, so what is accepted is stored and read back byte for byte.
     * A lone UTF-16 surrogate comes from a JSON escape such as {@code \\ud800}; in a CSV source it
     * stands for bytes that are not UTF-8 ({@link CsvRowReader#NOT_UTF8}).
     */
    String text(String column, String value, boolean fromCsv) {
        if (empty(column, value)) {
            return null;
        }
        String v = value.strip();
        int nul = v.indexOf('\u0000');
        if (nul >= 0) {
            problems.add(column + " contains a NUL character (U+0000) at character " + characterAt(v, nul));
            return null;
        }
        int lone = loneSurrogate(v);
        if (lone >= 0) {
            problems.add(fromCsv
                    ? column + " is not valid UTF-8: bytes that are not UTF-8 at character " + characterAt(v, lone)
                    + " (save the file as UTF-8)"
                    : column + " is not valid Unicode: a lone UTF-16 surrogate \\u" + Integer.toHexString(v.charAt(lone))
                    + " at character " + characterAt(v, lone) + " (a surrogate must be half of a pair)");
            return null;
        }
        int length = v.codePointCount(0, v.length());
        if (length > MAX_TEXT) {
            problems.add(column + " is longer than " + MAX_TEXT + " characters (" + length + ")");
            return null;
        }
        return v;
    }

    /**
     * An ISO-8601 instant with {@code Z} or an offset, at most 6 fractional digits (PostgreSQL keeps
     * microseconds; more would be silently rounded), within {@link #EARLIEST} and {@link #END} in
     * UTC. The range keeps every instant clear of calendar edges: PostgreSQL's {@code timestamptz}
     * and {@code java.time} agree on it, and no driver or client meets a pre-Gregorian date.
     */
    Instant instant(String column, String value) {
        if (empty(column, value)) {
            return null;
        }
        String v = value.strip();
        Instant parsed = FastInstant.parse(v);
        if (parsed == null) {
            parsed = general(v);
        }
        int fraction = fractionDigits(v);
        if (fraction == 0 && v.indexOf('.') >= 0) {
            // java.time reads "16:02:08.Z" as 16:02:08Z; ISO-8601 wants a digit after the point.
            parsed = null;
        }
        if (parsed == null) {
            if (hasNoZone(v)) {
                problems.add(column + " has no time zone: '" + abbreviate(v) + "' (add Z or an offset such as -03:00)");
            } else {
                problems.add(column + " is not an ISO-8601 date and time: '" + abbreviate(v)
                        + "' (expected like 2021-07-27T16:02:08Z)");
            }
            return null;
        }
        if (fraction > MAX_FRACTION_DIGITS) {
            problems.add(column + " " + abbreviate(v) + " has " + fraction + " fractional digits (at most "
                    + MAX_FRACTION_DIGITS + ": microseconds)");
            return null;
        }
        if (parsed.isBefore(EARLIEST) || !parsed.isBefore(END)) {
            String utc = v.endsWith("Z") || v.endsWith("z") ? "" : " (" + parsed + " in UTC)";
            problems.add(column + " " + abbreviate(v) + utc + (parsed.isBefore(EARLIEST)
                    ? " is before 1900-01-01" : " is after 2199-12-31") + " (allowed: 1900 to 2199, UTC)");
            return null;
        }
        return parsed;
    }

    private static Instant general(String v) {
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The digits after the seconds' decimal point of a value that parsed; the only '.' it can hold. */
    private static int fractionDigits(String v) {
        int dot = v.indexOf('.');
        if (dot < 0) {
            return 0;
        }
        int end = dot + 1;
        while (end < v.length() && v.charAt(end) >= '0' && v.charAt(end) <= '9') {
            end++;
        }
        return end - dot - 1;
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    static int loneSurrogate(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The 1-based character (code point) a person counts to reach index {@code i}. */
    private static int characterAt(String v, int i) {
        return v.codePointCount(0, i) + 1;
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

    /** At most 40 characters of a value for a reason; never cuts a surrogate pair in half. */
    static String abbreviate(String value) {
        if (value.length() <= 40) {
            return value;
        }
        int end = Character.isLowSurrogate(value.charAt(37)) && Character.isHighSurrogate(value.charAt(36)) ? 36 : 37;
        return value.substring(0, end) + "...";
    }
}
