package io.hireload.model;

import java.util.Arrays;
import java.util.Optional;

/** The three tables, named as in the API's paths and in a report's {@code table}. */
public enum TableName {
    DEPARTMENTS("departments"),
    JOBS("jobs"),
    EMPLOYEES("employees");

    private final String path;

    TableName(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<TableName> fromPath(String path) {
        return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
    }
}
