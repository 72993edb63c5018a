package io.hireload.model;

/**
 * Who a request speaks as ({@code GET /keys/me}): the key's name and role; {@code id} is null for a
 * bootstrap key from the environment ({@code env-admin}, {@code env-reader-N}).
 */
public record Caller(Long id, String name, Role role) {
}
