package io.hireload.model;

/** The optional body of {@code POST /backups/{table}/restore}; {@code backup} null means the newest. */
public record RestoreRequest(Long backup) {
}
