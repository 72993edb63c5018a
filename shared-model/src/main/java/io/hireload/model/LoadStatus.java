package io.hireload.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a load stands. Only {@code RUNNING} and {@code QUEUED} change later; {@code CANCELLED} is
 * a load an operator stopped (its committed batches kept, its unfinished objects not loaded). {@link #wire()} is the
 * one word for it, in JSON and in {@code load_run.status} alike (the server's tests hold the
 * database's check constraint to it).
 */
public enum LoadStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED, CANCELLED;

    /** The statuses of a load that has ended, whatever its end. */
    public static final Set<LoadStatus> ENDED = Collections.unmodifiableSet(EnumSet.of(SUCCEEDED, FAILED, INTERRUPTED, CANCELLED));

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean finished() {
        return ENDED.contains(this);
    }

    public static LoadStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
