package io.hireload.model;

import java.time.Instant;

/**
 * One CSV object of a table in the bucket ({@code GET /files?table=}): key, size, last modified,
 * ETag (without S3's quotes), and whether this version was loaded: {@code loadedBy} is the newest
 * successful load (not a dry run) whose files include the key and that finished after the object
 * was last modified, else null.
 */
public record BucketFile(String key, long size, Instant lastModified, String etag, boolean loaded, Long loadedBy) {
}
