package io.hireload.admin.fix;

import io.hireload.rows.Delimiters;

import java.util.ArrayList;
import java.util.List;

/**
 * A rejected row's raw text as fields, and fields back as one CSV record. Enough of RFC 4180 for
 * the rows a load keeps (one record each): quotes, doubled quotes, and the delimiter the server
 * would detect ({@link Delimiters}).
 */
final class RawFields {
    private RawFields() {
    }

    /** The fields of {@code raw}, padded with empty ones (or the surplus joined into the last) to {@code count}. */
    static List<String> split(String raw, int count) {
        List<String> fields = new ArrayList<>();
        String text = raw == null ? "" : raw.replaceAll("[\r\n]+$", "");
        char delimiter = Delimiters.detect(text);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        while (fields.size() < count) {
            fields.add("");
        }
        while (fields.size() > count && count > 0) {
            String last = fields.remove(fields.size() - 1);
            fields.set(fields.size() - 1, fields.get(fields.size() - 1) + delimiter + last);
        }
        return fields;
    }

    /** One CSV record: a field is quoted when it holds a delimiter, a quote, a line break or edge spaces. */
    static String join(List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            String v = f == null ? "" : f.strip();
            boolean quote = v.contains(",") || v.contains(";") || v.contains("\"") || v.contains("\n")
                    || v.contains("\r");
            out.add(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", out);
    }
}
