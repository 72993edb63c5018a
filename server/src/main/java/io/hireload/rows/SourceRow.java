package io.hireload.rows;

import java.util.List;

/**
 * One row as received: where it came from, its text, and its fields (null for a field that is
 * absent, as a JSON key may be). {@code line} is the line in a file, or the 1-based item of a
 * JSON array.
 */
public record SourceRow(String file, long line, String raw, List<String> fields) {
    /** The {@code file} of rows that came as items of a JSON array. */
    public static final String JSON_BODY = "request body (JSON)";

    /** Blank lines and rows of only delimiters or spaces: skipped and counted, never rows. */
    public boolean blank() {
        return fields.stream().allMatch(f -> f == null || f.isBlank());
    }

    /** Where a person finds the row: {@code line 158}, or {@code item 3} of a JSON array. */
    public String at() {
        return (JSON_BODY.equals(file) ? "item " : "line ") + line;
    }
}
