package io.hireload.model;

import java.time.Instant;

/** The body of {@code POST /keys}: a person's (or a system's) name, its role, an optional expiry. */
public record NewKey(String name, Role role, Instant expiresAt) {
}
