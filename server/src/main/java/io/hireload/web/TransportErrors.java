package io.hireload.web;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The answers the web server gives before any route runs (a body over 1 MiB with a
 * Content-Length, a request line or headers too long, bytes that are not HTTP): the same JSON
 * error body as every other answer, where Helidon sends an empty one, and 431 for headers that
 * are too large, where Helidon says 400.
 */
final class TransportErrors implements DirectHandler {
    private TransportErrors() {
    }

    /**
     * Helidon MP builds the web server from configuration and offers no public hook for its
     * direct handlers; its extension's package-private {@code serverBuilder()} is that builder.
     * Pinned Helidon (4.2.0); {@code ErrorsAndHeadersTest} fails if this stops taking effect.
     */
    static void install(ServerCdiExtension server) {
        try {
            Method builder = ServerCdiExtension.class.getDeclaredMethod("serverBuilder");
            builder.setAccessible(true);
            WebServerConfig.Builder config = (WebServerConfig.Builder) builder.invoke(server);
            DirectHandlers.Builder handlers = DirectHandlers.builder();
            TransportErrors handler = new TransportErrors();
            for (EventType type : EventType.values()) {
                handlers.addHandler(type, handler);
            }
            config.directHandlers(handlers.build());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install the JSON answers of transport errors", e);
        }
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType type, Status status,
                                    ServerResponseHeaders headers, Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return handle(request, type, status, headers, messages.toString());
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType type, Status status,
                                    ServerResponseHeaders headers, Throwable thrown, System.Logger logger) {
        return handle(request, type, status, headers, thrown);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType type, Status status,
                                    ServerResponseHeaders headers, String message) {
        int code = status.code();
        // Helidon's header parser says "Header size exceeded" and the server answers 400; RFC 6585 says 431.
        if (message != null && message.contains("Header size exceeded")) {
            code = 431;
        }
        String error;
        String detail;
        switch (code) {
            case 413 -> {
                error = "payload too large";
                detail = ErrorMappers.TOO_LARGE;
            }
            case 414 -> {
                error = "uri too long";
                detail = "the request line is too long; send fewer or shorter query parameters";
            }
            case 431 -> {
                error = "request header fields too large";
                detail = "the request's headers are too large; send fewer or shorter headers";
            }
            case 505 -> {
                error = "http version not supported";
                detail = "send HTTP/1.1 or HTTP/2";
            }
            default -> {
                error = code >= 500 ? "internal error" : "bad request";
                // The server's reason (e.g. an unknown ?format= for /openapi), in API words where there is one.
                String reason = message == null ? "" : ApiDetails.clean(message.lines().findFirst().orElse(""));
                detail = code >= 500 ? "the server failed; the log has details"
                        : message == null || message.isBlank() ? "the request is not valid HTTP" : "the request was refused: " + reason;
            }
        }
        String body = ErrorMappers.json(error, detail);
        return TransportResponse.builder()
                .status(code == status.code() ? status : Status.create(code, "Request Header Fields Too Large"))
                .headers(headers)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .header(HeaderNames.create("X-Content-Type-Options"), "nosniff")
                .header(HeaderNames.create("X-Frame-Options"), "DENY")
                .header(HeaderNames.create("Content-Security-Policy"), ServerRouting.API_POLICY)
                .keepAlive(false)
                .entity(body.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
