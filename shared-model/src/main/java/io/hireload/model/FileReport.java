package io.hireload.model;

/**
 * What a load did with one S3 object: {@code status} is an {@link ItemStatus}'s word,
 * {@code queued}, {@code running}, {@code done}, {@code skipped} (this key and ETag were already
 * loaded) or {@code failed} (a string, so a client reads a newer server's words too);
 * {@code instance} is the server that worked it last; {@code resumed_from_line} is the last line
 * an earlier attempt had committed when this one took over (null when it started at line 1);
 * {@code error} is why a {@code failed} object failed (its file and line named), else null.
 */
public record FileReport(
        String file,
        String etag,
        String status,
        String instance,
        long rowsRead,
        long inserted,
        long updated,
        long unchanged,
        long rejected,
        Long resumedFromLine,
        String error) {
}
