package io.hireload.model;

import java.time.Instant;

/** A hired employee as the API shows it: {@code datetime} in UTC, as in the CSV files. */
public record Employee(int id, String name, Instant datetime, int departmentId, int jobId) {
}
