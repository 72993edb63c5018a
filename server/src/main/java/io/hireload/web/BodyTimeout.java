package io.hireload.web;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.hireload.config.ConfigBeans;
import io.hireload.config.ServerSettings;
import io.hireload.failure.Failure;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A request body that stops arriving is answered 408 within 30 s (SPEC section 3). Helidon 4.2.0
 * reads bodies with blocking socket reads that have no time limit: its listener's
 * {@code server.connection-options.read-timeout} is documented but never applied to the
 * connections it accepts, and its idle check closes a silent connection only after minutes, with
 * no answer. So while a request that has a body is handled, its socket gets that read timeout here
 * (SO_TIMEOUT, default {@value #DEFAULT_SECONDS} s): a read that waits longer fails, and
 * {@link BodyLimits} answers 408. Between requests the socket waits without a limit again, so
 * keep-alive connections (a load balancer's) stay open as long as before.
 *
 * <p>Helidon MP offers no public way to the socket: its HTTP/1 request keeps the connection in a
 * private field, and the connection keeps the socket in another. Pinned Helidon (4.2.0);
 * {@code RequestSyntaxTest} fails if this stops taking effect.
 */
final class BodyTimeout {
    static final String SETTING = "server.connection-options.read-timeout";
    static final int DEFAULT_SECONDS = 20;

    private final Field connection;
    private final Field socket;
    private final int millis;

    private BodyTimeout(Field connection, Field socket, int millis) {
        this.connection = connection;
        this.socket = socket;
        this.millis = millis;
    }

    /** The time a body may go without a byte; the setting is checked when the server starts. */
    static Duration configured() {
        Duration timeout;
        try {
            timeout = ConfigBeans.of(ServerSettings.class).readTimeout()
                    .map(Duration::parse).orElse(Duration.ofSeconds(DEFAULT_SECONDS));
        } catch (DateTimeParseException e) {
            throw new Failure.Misconfigured(SETTING + " must be an ISO-8601 duration such as PT20S");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new Failure.Misconfigured(SETTING + " must be a positive duration such as PT20S");
        }
        return timeout;
    }

    static BodyTimeout fromSettings() {
        Duration timeout = configured();
        try {
            ClassLoader loader = RoutingRequest.class.getClassLoader();
            Field connection = Class.forName("io.helidon.webserver.http1.Http1ServerRequest", false, loader)
                    .getDeclaredField("ctx");
            Field socket = Class.forName("io.helidon.webserver.ConnectionHandler", false, loader)
                    .getDeclaredField("socket");
            connection.setAccessible(true);
            socket.setAccessible(true);
            return new BodyTimeout(connection, socket, (int) timeout.toMillis());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the request's socket to limit how long a body may stall", e);
        }
    }

    /** How a person reads the limit: {@code 20 s}. */
    static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** Runs the rest of the chain with the body's reads limited in time. */
    void around(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Socket s = request.content().hasEntity() ? socketOf(request) : null;
        if (s == null) {
            chain.proceed();
            return;
        }
        setTimeout(s, millis);
        try {
            chain.proceed();
        } finally {
            if (drained(request, response)) {
                setTimeout(s, 0);
            } else if (response.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                // The connection ends with this answer (a 408 among others): whatever the server
                // would still read of it meets its end at once rather than waiting out the limit.
                stop(s);
            }
        }
    }

    /**
     * Reads what the route left of the body, still under the limit: Helidon reads it after the
     * route to reuse the connection, and without a limit a stalled rest would hold it for minutes.
     * False when the connection closes anyway, or the rest stalled: then the limit stays, and
     * Helidon's own read of the rest fails in time and closes the connection.
     */
    private static boolean drained(RoutingRequest request, RoutingResponse response) {
        if (response.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
            return false;
        }
        try {
            if (!request.content().consumed()) {
                request.content().consume();
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void stop(Socket s) {
        try {
            s.shutdownInput();
        } catch (IOException e) {
            // Closed already: nothing more will be read from it.
        }
    }

    private Socket socketOf(RoutingRequest request) {
        try {
            if (!connection.getDeclaringClass().isInstance(request)) {
                return null;
            }
            Object context = connection.get(request);
            return socket.getDeclaringClass().isInstance(context) ? (Socket) socket.get(context) : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static void setTimeout(Socket s, int millis) {
        try {
            s.setSoTimeout(millis);
        } catch (SocketException e) {
            // Closed: nothing more will be read from it.
        }
    }
}
