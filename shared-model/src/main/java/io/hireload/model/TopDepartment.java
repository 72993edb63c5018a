package io.hireload.model;

/**
 * A department that hired more than the mean in a year. {@code mean} is that year's hires over every
 * department (those without hires counting as 0), the figure each item beat: the server computes it
 * once, so a client draws it rather than recomputing it.
 */
public record TopDepartment(int id, String department, long hired, double mean) {
}
