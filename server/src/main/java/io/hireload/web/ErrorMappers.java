package io.hireload.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.RequestException;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.model.ApiError;
import io.hireload.model.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves as {@code {"error", "detail"}} with its status: never a stack trace, never a
 * Java type or SQL in the detail (see {@link ApiDetails}; the log gets the raw text), and never a
 * 500 for what the client sent.
 */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());
    static final String TOO_LARGE = "the request body is larger than 1 MiB; send at most 1000 rows, or put large"
            + " files in S3 and load them with POST /{table}/batch";

    private ErrorMappers() {
    }

    /** The error body as text, for answers given outside JAX-RS. */
    static String json(String error, String detail) {
        try {
            return Json.mapper().writeValueAsString(new ApiError(error, detail));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"" + error + "\",\"detail\":\"the request was refused\"}";
        }
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
            Response body = requestBodyFailure(e.getCause());
            if (body != null) {
                return body;
            }
            int status = status(e);
            if (e instanceof Failure.TimedOut) {
                // The rest of the body may still come: the connection cannot carry another request.
                LOG.log(Level.INFO, "request body stalled: {0}", e.getMessage());
                return closing(answer(status, e.title(), e.getMessage()));
            }
            if (status >= 500) {
                LOG.log(Level.WARNING, e.getMessage(), e.getCause());
                return retryAfter(e, answer(status, e.title(), ApiDetails.withoutCauses(e.getMessage(), e.getCause())));
            }
            return answer(status, e.title(), ApiDetails.clean(e.getMessage()));
        }
    }

    /**
     * A 503 says when to try again (RFC 9110 {@code Retry-After}, in seconds): soon after writers
     * met ({@link Failure.Busy}), a little later when a dependency is away.
     */
    static Response retryAfter(Failure failure, Response response) {
        int seconds = switch (failure) {
            case Failure.Busy f -> 2;
            case Failure.Unavailable f -> 10;
            default -> 0;
        };
        if (seconds > 0) {
            response.getHeaders().putSingle("Retry-After", Integer.toString(seconds));
        }
        return response;
    }

    static int status(Failure failure) {
        return switch (failure) {
            case Failure.InvalidInput f -> 400;
            case Failure.NotFound f -> 404;
            case Failure.TimedOut f -> 408;
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
                case 413 -> TOO_LARGE;
                default -> family == Response.Status.Family.SERVER_ERROR ? "internal error" : ApiDetails.clean(e.getMessage());
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
            LOG.log(Level.FINE, "unreadable JSON body: {0}", e.getOriginalMessage());
            return answer(400, "bad request", "the body is not what this route takes: " + ApiDetails.invalidJson(e));
        }
    }

    @Provider
    @ApplicationScoped
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            Response body = requestBodyFailure(e);
            if (body != null) {
                return body;
            }
            Failure database = DatabaseFailures.describe(e);
            if (database != null) {
                LOG.log(Level.WARNING, database.getMessage(), e);
                return retryAfter(database, answer(status(database), database.title(),
                        ApiDetails.withoutCauses(database.getMessage(), database.getCause())));
            }
            LOG.log(Level.SEVERE, "unexpected error", e);
            return answer(500, "internal error", "the server failed; the log has details");
        }
    }

    /**
     * The server refused the request's body while a resource read it: over 1 MiB when chunked (a
     * sized one is refused before routing, see {@link TransportErrors}), or broken chunk framing.
     * Neither is a server fault, and the exceptions' messages can hold the body's bytes, so only
     * their kind is logged. The rest of the body is never read, so the connection cannot carry
     * another request: the answer says {@code Connection: close} rather than let the client reuse it.
     */
    static Response requestBodyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestException request) {
                int status = request.status().code();
                LOG.log(Level.INFO, "request body refused with {0}", status);
                return closing(status == 413
                        ? answer(413, "payload too large", TOO_LARGE)
                        : answer(status >= 500 ? 400 : status, "bad request", "the request body could not be read"));
            }
            if (readingTheRequest(t)) {
                LOG.log(Level.INFO, "request body unreadable: {0}", t.getClass().getSimpleName());
                return closing(answer(400, "bad request", "the request body could not be read (broken chunked encoding)"));
            }
        }
        return null;
    }

    private static Response closing(Response response) {
        response.getHeaders().putSingle("Connection", "close");
        return response;
    }

    private static boolean readingTheRequest(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("io.helidon.webserver.http1.Http1Connection")
                    && frame.getMethodName().startsWith("read")) {
                return true;
            }
        }
        return false;
    }
}
