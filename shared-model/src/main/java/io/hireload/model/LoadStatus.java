package io.hireload.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a load stands. Only {@code RUNNING} and {@code QUEUED} change later. */
public enum LoadStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    public static LoadStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
