package io.hireload.rows;

import java.util.List;
import java.util.function.Supplier;

/**
 * One row as received: where it came from, its text, and its fields (null for a field that is
 * absent, as a JSON key may be). {@code line} is the line in a file, or the 1-based item of a
 * JSON array. The text is only read for rows that are rejected, so a JSON item's text is rendered
 * on first use: rendering every item of a 1000-row post took a fifth of the request's time.
 */
public final class SourceRow {
    /** The {@code file} of rows that came as items of a JSON array. */
    public static final String JSON_BODY = "request body (JSON)";

    private final String file;
    private final long line;
    private final List<String> fields;
    private Supplier<String> render;
    private String raw;

    public SourceRow(String file, long line, String raw, List<String> fields) {
        this.file = file;
        this.line = line;
        this.raw = raw;
        this.fields = fields;
    }

    private SourceRow(String file, long line, Supplier<String> render, List<String> fields) {
        this.file = file;
        this.line = line;
        this.render = render;
        this.fields = fields;
    }

    /** A row whose text is rendered when first asked for. */
    public static SourceRow rendered(String file, long line, Supplier<String> render, List<String> fields) {
        return new SourceRow(file, line, render, fields);
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public List<String> fields() {
        return fields;
    }

    public synchronized String raw() {
        if (raw == null && render != null) {
            raw = render.get();
            render = null;
        }
        return raw;
    }

    /** Blank lines and rows of only delimiters or spaces: skipped and counted, never rows. */
    public boolean blank() {
        for (String f : fields) {
            if (f != null && !f.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Where a person finds the row: {@code line 158}, or {@code item 3} of a JSON array. */
    public String at() {
        return (JSON_BODY.equals(file) ? "item " : "line ") + line;
    }

    @Override
    public String toString() {
        return at() + ": " + raw();
    }
}
