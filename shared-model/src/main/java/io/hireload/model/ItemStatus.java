package io.hireload.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where one S3 object of a load stands (a file report's {@code status}, a work item's in
 * {@code load_item.status}): {@code QUEUED} and {@code RUNNING} change later; {@code SKIPPED}
 * means the key and ETag were already loaded; {@code CANCELLED} that its load was cancelled before
 * the object was read to its end (the next load of the table continues it after its last
 * committed line). {@link #wire()} is the one word for it, in JSON and
 * in the database alike (the server's tests hold the database's check constraint to it).
 */
public enum ItemStatus {
    QUEUED, RUNNING, DONE, SKIPPED, FAILED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ItemStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
