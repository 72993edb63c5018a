package io.hireload.web;

import io.hireload.failure.Failure;

/**
 * Query parameters read by hand: JAX-RS would answer 404 for {@code page=abc}; a client deserves
 * a 400 that names the parameter.
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new Failure.InvalidInput(name + " must be an integer from " + min + " to " + max + ", not '"
                    + abbreviate(value) + "'");
        }
        if (parsed < min || parsed > max) {
            throw new Failure.InvalidInput(name + " must be from " + min + " to " + max + ", not " + parsed);
        }
        return parsed;
    }

    /** {@code page}: from 1, default 1. */
    public static int page(String value) {
        return integer("page", value, 1, 1, Integer.MAX_VALUE);
    }

    /** {@code size} of a list page: 1..1000, default 50. */
    public static int size(String value) {
        return integer("size", value, io.hireload.model.ApiPaths.DEFAULT_PAGE_SIZE, 1,
                io.hireload.model.ApiPaths.MAX_PAGE_SIZE);
    }

    /**
     * A boolean parameter: absent is {@code false}; present, it is {@code true} or {@code false}
     * exactly as OpenAPI's boolean writes them (lowercase, nothing around them). {@code yes},
     * {@code 1}, {@code TRUE} or an empty value are refused rather than guessed: {@code dry_run=1}
     * read as false would write what the caller meant to check. The one reading of every boolean
     * query parameter of the API.
     */
    public static boolean bool(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Failure.InvalidInput(name + " must be true or false (lowercase), not '"
                    + abbreviate(value) + "'");
        };
    }

    /** The {@code delimiter} parameter: null to detect; {@code ,} {@code ;} {@code |} or a tab. */
    public static Character delimiter(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String v = value.equalsIgnoreCase("tab") || value.equals("\\t") ? "\t" : value;
        if (v.length() != 1 || ",;|\t".indexOf(v.charAt(0)) < 0) {
            throw new Failure.InvalidInput("delimiter must be one of , ; | or tab, not '" + abbreviate(value) + "'");
        }
        return v.charAt(0);
    }

    /** An optional integer filter: null when absent, else within [min, max]. */
    public static Integer optionalInteger(String name, String value, int min, int max) {
        return value == null || value.isBlank() ? null : integer(name, value, 0, min, max);
    }

    /**
     * An optional ISO-8601 instant with {@code Z} or an offset, as the data rules read
     * {@code datetime}: a bare local time would be ambiguous, so it is refused, not guessed.
     */
    public static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // A '+' typed as is in a query reads as a space (the form convention every client and
            // JAX-RS follow); no instant holds a space, so one there is the offset's '+'.
            return java.time.OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new Failure.InvalidInput(name + " must be an ISO-8601 instant with Z or an offset, such as "
                    + "2021-07-27T16:02:08Z, not '" + abbreviate(value) + "'");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
