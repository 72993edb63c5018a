package io.hireload.web;

/**
 * A failure with the status and words the client should get. Thrown anywhere below the
 * resources; {@link ErrorMappers} turns it into {@code {"error", "detail"}}.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String error;

    public ApiProblem(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public ApiProblem(int status, String error, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not found", detail);
    }
}
