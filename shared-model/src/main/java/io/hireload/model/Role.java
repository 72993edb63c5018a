package io.hireload.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a key may do, each role everything the one before it may: a {@code reader} reads data,
 * metrics, loads and the files list; a {@code loader} also loads, inserts, uploads and cancels; an
 * {@code admin} also backs up, restores, and manages keys and the audit trail. {@link #wire()} is
 * the one word for it in JSON, in {@code api_key.role} and in the OpenAPI document.
 */
public enum Role {
    READER, LOADER, ADMIN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code needed} may. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    @JsonCreator
    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be reader, loader or admin, not " + value);
    }
}
