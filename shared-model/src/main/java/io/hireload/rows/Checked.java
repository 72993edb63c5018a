package io.hireload.rows;

/**
 * The verdict of the data rules on one row: a value ready to store, or the reason it is not.
 * {@code value} is a {@link io.hireload.model.Department}, {@link io.hireload.model.Job} or
 * {@link io.hireload.model.Employee}.
 */
public sealed interface Checked {
    SourceRow source();

    record Valid(SourceRow source, int id, Object value) implements Checked {
    }

    record Rejected(SourceRow source, String reason) implements Checked {
    }
}
