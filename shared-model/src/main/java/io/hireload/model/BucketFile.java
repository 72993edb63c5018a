package io.hireload.model;

import java.time.Instant;

/**
 * One CSV object of a table in the bucket ({@code GET /files?table=}): key, size, last modified,
 * ETag (without S3's quotes), and whether this version was loaded: {@code loadedBy} is the newest
 * load (not a dry run) that read this key with this ETag to its end, else null.
 */
public record BucketFile(String key, long size, Instant lastModified, String etag, boolean loaded, Long loadedBy) {
}
