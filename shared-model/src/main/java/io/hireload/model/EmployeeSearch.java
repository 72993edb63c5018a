package io.hireload.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The filters of {@code GET /employees}; a null field does not filter, and filters combine.
 * {@code name} is a case-insensitive substring taken literally ({@code %} and {@code _} match
 * themselves); {@code hiredFrom} is inclusive and {@code hiredTo} exclusive, so consecutive ranges
 * never count a hire twice.
 */
public record EmployeeSearch(String name, Integer departmentId, Integer jobId, Instant hiredFrom, Instant hiredTo) {
    public static final EmployeeSearch NONE = new EmployeeSearch(null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The query parameters, each {@code &name=value} URL-encoded, empty when nothing filters. */
    public String query() {
        StringBuilder q = new StringBuilder();
        add(q, "name", name);
        add(q, "department_id", departmentId);
        add(q, "job_id", jobId);
        add(q, "hired_from", hiredFrom);
        add(q, "hired_to", hiredTo);
        return q.toString();
    }

    private static void add(StringBuilder q, String key, Object value) {
        if (value != null) {
            q.append('&').append(key).append('=').append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }
}
