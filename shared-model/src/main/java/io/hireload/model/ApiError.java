package io.hireload.model;

/** Every error the API answers: a short {@code error} and a {@code detail} a person can act on. */
public record ApiError(String error, String detail) {
}
