package io.hireload.admin.fix;

import io.hireload.model.TableName;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data rules as far as a row can be checked without the database, so an operator sees a
 * problem while typing: required, integer above 0, at most 255 characters, ISO-8601 instants with
 * a zone in 1900 to 2199. The server's own validator (server module, rows/RowRules) stays the one
 * that decides, and it alone knows references (unknown department_id) and duplicates: the client
 * cannot share it without the server's dependencies, so this is a small, deliberately lenient copy
 * whose messages read like the server's.
 */
public final class RowCheck {
    static final int MAX_TEXT = 255;
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

    private RowCheck() {
    }

    /** The CSV columns of a table, in order. */
    public static List<String> columns(TableName table) {
        return switch (table) {
            case DEPARTMENTS -> List.of("id", "department");
            case JOBS -> List.of("id", "job");
            case EMPLOYEES -> List.of("id", "name", "datetime", "department_id", "job_id");
        };
    }

    /** What is wrong with the row, {@code ; }-separated, or null when nothing the client can see. */
    public static String problem(TableName table, List<String> fields) {
        List<String> columns = columns(table);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String value = i < fields.size() && fields.get(i) != null ? fields.get(i).strip() : "";
            String problem = switch (column) {
                case "id", "department_id", "job_id" -> positiveInteger(column, value);
                case "datetime" -> instant(column, value);
                default -> text(column, value);
            };
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String positiveInteger(String column, String value) {
        if (value.isEmpty()) {
            return column + " is empty";
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return column + " is not an integer: '" + value + "'";
        }
        if (parsed <= 0) {
            return column + " must be greater than 0: " + value;
        }
        return parsed > Integer.MAX_VALUE ? column + " is too large: " + value : null;
    }

    private static String text(String column, String value) {
        if (value.isEmpty()) {
            return column + " is empty";
        }
        if (value.indexOf('\0') >= 0) {
            return column + " contains a NUL character (U+0000)";
        }
        int length = value.codePointCount(0, value.length());
        return length > MAX_TEXT ? column + " is longer than " + MAX_TEXT + " characters (" + length + ")" : null;
    }

    private static String instant(String column, String value) {
        if (value.isEmpty()) {
            return column + " is empty";
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return value.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+")
                    ? column + " has no time zone: '" + value + "' (add Z or an offset such as -03:00)"
                    : column + " is not an ISO-8601 date and time: '" + value + "' (expected like 2021-07-27T16:02:08Z)";
        }
        int dot = value.indexOf('.');
        if (dot > 0) {
            int digits = 0;
            for (int i = dot + 1; i < value.length() && Character.isDigit(value.charAt(i)); i++) {
                digits++;
            }
            if (digits > 6) {
                return column + " " + value + " has " + digits + " fractional digits (at most 6: microseconds)";
            }
        }
        if (parsed.isBefore(EARLIEST) || !parsed.isBefore(END)) {
            return column + " " + value + " is outside 1900 to 2199 (UTC)";
        }
        return null;
    }
}
