package io.hireload.model;

import java.time.Instant;

/**
 * One backup of one table: an Avro object container file in a directory or in the bucket.
 * {@code target} is {@code dir} or {@code s3}; {@code location} is the file's absolute path or its
 * {@code s3://bucket/key}; {@code sha256} is the hex SHA-256 of the file's {@code bytes}.
 */
public record BackupInfo(long id, String table, long rows, long bytes, String sha256, String codec, String target,
                         String location, Instant createdAt) {
}
