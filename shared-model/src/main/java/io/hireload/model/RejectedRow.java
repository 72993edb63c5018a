package io.hireload.model;

/**
 * A row that broke a data rule. {@code line} is the line in its file (or the 1-based item of a
 * JSON array), {@code raw} the text as received, {@code reason} what to fix.
 */
public record RejectedRow(String file, long line, String raw, String reason) {
}
