package io.hireload.model;

import java.util.List;

/**
 * The answer of {@code /health-db} and {@code /health-s3}. {@code files} lists the CSV objects S3
 * shows (empty for the database check).
 */
public record HealthAnswer(String status, String component, String detail, List<String> files) {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    /** Whether the component answers: the one reading of {@code status}. */
    public boolean up() {
        return UP.equals(status);
    }
}
