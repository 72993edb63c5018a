package io.hireload.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A hired employee as the API shows it: {@code datetime} in UTC, as in the CSV files. Answers of
 * {@code GET /employees} and {@code GET /employees/{id}} also carry the names of its
 * {@code department} and {@code job} beside the ids, so a person reading them need not look them up;
 * rows sent to the API leave them out (they are null and not written), and the ids alone decide.
 */
public record Employee(int id, String name, Instant datetime, int departmentId, int jobId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String department,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String job) {

    /** A row as the CSV files and the 1..1000-row API carry it: ids only. */
    public Employee(int id, String name, Instant datetime, int departmentId, int jobId) {
        this(id, name, datetime, departmentId, jobId, null, null);
    }

    /** The row without the names an answer adds: what the data rules compare. */
    public Employee withoutNames() {
        return new Employee(id, name, datetime, departmentId, jobId);
    }
}
