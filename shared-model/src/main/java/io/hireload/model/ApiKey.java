package io.hireload.model;

import java.time.Instant;

/**
 * A named key as {@code GET /keys} lists it: never its secret. {@code expiresAt} and
 * {@code lastUsedAt} are null for a key that never expires or was never used.
 */
public record ApiKey(long id, String name, Role role, Instant createdAt, String createdBy, Instant expiresAt,
                     Instant lastUsedAt) {
}
