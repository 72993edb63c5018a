package io.hireload.admin.support;

import io.hireload.client.ApiException;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Turns what a server call threw into one sentence an operator can act on. The client's own
 * messages are precise but technical ("HTTP 401: ..."); here they become advice.
 */
public final class Problems {

    private Problems() {
    }

    public static String describe(Throwable problem) {
        Throwable cause = unwrap(problem);
        if (cause instanceof ApiException api) {
            return describe(api);
        }
        if (cause instanceof UncheckedIOException io) {
            if (causedBy(io, ConnectException.class) || causedBy(io, HttpConnectTimeoutException.class)) {
                return "Cannot reach the server. Is it running (make run) and is the URL right?" + detail(io);
            }
            if (causedBy(io, UnknownHostException.class) || causedBy(io, UnresolvedAddressException.class)) {
                return "Unknown host: check the server URL." + detail(io);
            }
            if (causedBy(io, HttpTimeoutException.class)) {
                return "The server did not answer in time." + detail(io);
            }
            return "The connection to the server failed." + detail(io);
        }
        if (cause instanceof IllegalArgumentException bad) {
            return "Not a valid request: " + bad.getMessage();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** True when the call did not reach the server (refused, unknown host, timed out), rather than being answered. */
    public static boolean isUnreachable(Throwable problem) {
        return unwrap(problem) instanceof UncheckedIOException;
    }

    /** True when the server refused the credentials, so the operator should look at the key. */
    public static boolean isKeyProblem(Throwable problem) {
        return unwrap(problem) instanceof ApiException api && (api.status() == 401 || api.status() == 403);
    }

    private static String describe(ApiException api) {
        String detail = api.error().detail() == null || api.error().detail().isBlank()
                ? "" : ": " + api.error().detail();
        String said = api.error().error() + detail;
        return switch (api.status()) {
            case 401 -> "The server wants a valid admin key (" + said + "). Paste the key from "
                    + "$HIRELOAD_DATA_DIR/admin.key on the Connect tab.";
            case 403 -> "The server refused this key (" + said + "). Check the key on the Connect tab.";
            case 404 -> "Not found (" + said + ").";
            case 409 -> "The server is busy with that (" + said + ").";
            case 503 -> "The server is up but a service behind it is not (" + said + ").";
            default -> api.status() >= 500
                    ? "The server failed (HTTP " + api.status() + ": " + said + ")."
                    : "The server refused the request (HTTP " + api.status() + ": " + said + ").";
        };
    }

    /**
     * " (what the JDK said)", from the first exception in the chain that says something: the
     * HttpClient's ConnectException often has no message at all, which read ": null".
     */
    private static String detail(Throwable problem) {
        for (Throwable current = problem; current != null; current = current.getCause() == current ? null : current.getCause()) {
            String message = current.getMessage();
            if (message != null && !message.isBlank() && !message.endsWith(": null") && !message.equals("null")) {
                return " (" + message + ")";
            }
        }
        return "";
    }

    private static Throwable unwrap(Throwable problem) {
        Throwable current = problem;
        while ((current instanceof java.util.concurrent.ExecutionException
                || current instanceof java.util.concurrent.CompletionException
                || current instanceof java.lang.reflect.InvocationTargetException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean causedBy(Throwable problem, Class<? extends Throwable> type) {
        for (Throwable current = problem; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
        }
        return false;
    }
}
