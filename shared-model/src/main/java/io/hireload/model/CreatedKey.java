package io.hireload.model;

/** The answer to {@code POST /keys}: the key as listed, and its secret, which is never shown again. */
public record CreatedKey(ApiKey key, String secret) {
}
