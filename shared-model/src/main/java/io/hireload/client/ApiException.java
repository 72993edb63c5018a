package io.hireload.client;

import io.hireload.model.ApiError;

/** The server answered with an error status; {@code error} is its JSON body when it sent one. */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient ApiError error;

    public ApiException(int status, ApiError error) {
        super("HTTP " + status + ": " + error.error() + (error.detail() == null ? "" : " (" + error.detail() + ")"));
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
