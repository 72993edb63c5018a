package io.hireload.admin.loads;

import io.hireload.model.RejectedRow;

import java.util.List;

/**
 * Rejected rows as CSV ({@code file,line,raw,reason}, RFC 4180 quoting), for when the server's own
 * CSV export is not available: the operator gets the same file either way.
 */
public final class RejectedCsv {
    public static final String HEADER = "file,line,raw,reason";

    private RejectedCsv() {
    }

    public static String format(List<RejectedRow> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (RejectedRow row : rows) {
            csv.append(quote(row.file())).append(',')
                    .append(row.line()).append(',')
                    .append(quote(row.raw())).append(',')
                    .append(quote(row.reason())).append("\r\n");
        }
        return csv.toString();
    }

    static String quote(String field) {
        if (field == null) {
            return "";
        }
        boolean needs = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                || !field.equals(field.strip());
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
