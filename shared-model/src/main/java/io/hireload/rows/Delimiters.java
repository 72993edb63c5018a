package io.hireload.rows;

/**
 * The one delimiter detection, used by the server's CSV reader and by the admin client when it
 * splits a rejected row for editing: a file (or a line) is {@code ;}-delimited when its first line
 * has no comma outside quotes but has a semicolon; else it is {@code ,}-delimited.
 */
public final class Delimiters {
    private Delimiters() {
    }

    /** The delimiter of the text's first non-empty line (leading line breaks skipped). */
    public static char detect(CharSequence text) {
        int n = text.length();
        int i = 0;
        while (i < n && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        boolean inQuotes = false;
        boolean semicolon = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (c == '\n' || c == '\r')) {
                break;
            } else if (!inQuotes && c == ',') {
                return ',';
            } else if (!inQuotes && c == ';') {
                semicolon = true;
            }
        }
        return semicolon ? ';' : ',';
    }
}
