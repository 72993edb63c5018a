package io.hireload.rows;

/**
 * The CSV text cannot be split into fields from {@code line} on (an unterminated quote); the
 * rest of that file cannot be read reliably.
 */
public class MalformedCsvException extends RuntimeException {
    private final transient SourceRow row;

    public MalformedCsvException(SourceRow row, String message) {
        super(message);
        this.row = row;
    }

    public SourceRow row() {
        return row;
    }
}
