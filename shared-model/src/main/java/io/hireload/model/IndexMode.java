package io.hireload.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a load does with its table's secondary (non-unique) indexes: {@code DEFERRED} sets them
 * aside and builds them once after the data, {@code KEPT} keeps them up to date row by row. The
 * same word is the {@code indexes} parameter of a load call, the report's {@code indexes} and
 * {@code load_run.indexes} (V21).
 */
public enum IndexMode {
    DEFERRED, KEPT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a word names exactly (lower case), or empty. */
    public static Optional<IndexMode> fromWire(String value) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(value)).findFirst();
    }
}
