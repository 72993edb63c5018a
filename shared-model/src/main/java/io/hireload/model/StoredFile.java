package io.hireload.model;

/**
 * What {@code PUT /files/{table}/{name}} stored: the object's key in the bucket, its ETag (without
 * S3's quotes) and its size in bytes; {@code loadId} is the load it started ({@code ?load=true}),
 * else null.
 */
public record StoredFile(String key, String etag, long size, Long loadId) {
}
