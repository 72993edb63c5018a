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
    /**
     * How much of a row's text a rejected row keeps: 1 KiB of characters, ten times a valid row's
     * fields, so a load's report stays small whatever its files hold; longer text keeps its start
     * and a note of its length ({@link #bounded}).
     */
    public static final int RAW_KEPT = 1024;
    /** Room for the length note after {@link #RAW_KEPT} characters. */
    private static final int NOTE_ROOM = 96;

    private final String file;
    private final long line;
    private final List<String> fields;
    private Supplier<String> render;
    private String raw;
    private String problem;

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

    /**
     * A row that could not be read into fields (a line longer than the reader holds): no fields,
     * and {@code problem} is why the data rules reject it.
     */
    public static SourceRow unreadable(String file, long line, String raw, String problem) {
        SourceRow row = new SourceRow(file, line, raw, List.of());
        row.problem = problem;
        return row;
    }

    /** Text kept of a row: itself up to {@link #RAW_KEPT} characters (and a note's room), else its start and its length. */
    public static String bounded(String raw) {
        if (raw == null || raw.length() <= RAW_KEPT + NOTE_ROOM) {
            return raw;
        }
        int end = Character.isHighSurrogate(raw.charAt(RAW_KEPT - 1)) ? RAW_KEPT - 1 : RAW_KEPT;
        return raw.substring(0, end) + lengthNote(raw.length() + " characters");
    }

    /** What follows the kept start of a longer text: how long the whole was. */
    static String lengthNote(String length) {
        return "... [" + length + " in all; only the first " + RAW_KEPT + " characters are kept]";
    }

    /** Why the row could not be read into fields, or null for a row that was. */
    public String problem() {
        return problem;
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
        if (problem != null) {
            return false;
        }
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
