package io.hireload.model;

/**
 * What a load did with one S3 object: {@code status} is {@code queued}, {@code running},
 * {@code done}, {@code skipped} (this key and ETag were already loaded) or {@code failed};
 * {@code instance} is the server that worked it last; {@code resumed_from_line} is the last line
 * an earlier attempt had committed when this one took over (null when it started at line 1).
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
        Long resumedFromLine) {
}
