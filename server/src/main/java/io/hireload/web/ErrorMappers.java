package io.hireload.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.model.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves as {@code {"error", "detail"}} with its status: never a stack trace, and
 * never a 500 for what the client sent.
 */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static Response answer(int status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, detail)).build();
    }

    /** The one place where the domain's failures become statuses. */
    @Provider
    @ApplicationScoped
    public static class Failures implements ExceptionMapper<Failure> {
        @Override
        public Response toResponse(Failure e) {
            int status = status(e);
            if (status >= 500) {
                LOG.log(Level.WARNING, e.getMessage(), e.getCause());
            }
            return answer(status, e.title(), e.getMessage());
        }
    }

    static int status(Failure failure) {
        return switch (failure) {
            case Failure.InvalidInput f -> 400;
            case Failure.NotFound f -> 404;
            case Failure.Conflict f -> 409;
            case Failure.Gone f -> 410;
            case Failure.TooLarge f -> 413;
            case Failure.DamagedBackup f -> 422;
            case Failure.Misconfigured f -> 500;
            case Failure.Internal f -> 500;
            case Failure.DependencyFailed f -> 502;
            case Failure.Busy f -> 503;
            case Failure.Unavailable f -> 503;
        };
    }

    @Provider
    @ApplicationScoped
    public static class WebErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e instanceof jakarta.ws.rs.NotFoundException && !e.getResponse().hasEntity()) {
                // No resource matched: hand the request back to the server, whose other routes
                // (health, OpenAPI) come after JAX-RS; an empty 404 is how it knows to go on.
                return e.getResponse();
            }
            int status = e.getResponse().getStatus();
            Response.Status.Family family = Response.Status.Family.familyOf(status);
            String error = Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase().toLowerCase(java.util.Locale.ROOT)
                    : "error";
            String detail = switch (status) {
                case 404 -> "no such resource; see GET / for the API's entry points";
                case 405 -> "this method is not allowed here";
                case 406 -> "the server cannot answer in the type asked for in Accept";
                case 415 -> "unsupported Content-Type; send application/json or text/csv";
                case 413 -> "the request body is larger than 1 MiB";
                default -> family == Response.Status.Family.SERVER_ERROR ? "internal error" : e.getMessage();
            };
            Response response = answer(status, error, detail);
            e.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> response.getHeaders().add(name, v));
                }
            });
            return response;
        }
    }

    @Provider
    @ApplicationScoped
    public static class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return answer(400, "bad request", "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Provider
    @ApplicationScoped
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            Failure database = DatabaseFailures.describe(e);
            if (database != null) {
                LOG.log(Level.WARNING, database.getMessage(), e);
                return answer(status(database), database.title(), database.getMessage());
            }
            LOG.log(Level.SEVERE, "unexpected error", e);
            return answer(500, "internal error", "the server failed; the log has details");
        }
    }
}
