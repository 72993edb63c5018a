package io.hireload.admin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hireload.model.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A canned HTTP server for view-model tests: answers shared-model records serialized with the
 * API's own JSON settings, so the real typed client is exercised without the real server.
 */
public final class StubServer implements AutoCloseable {
    private HttpServer http;
    private final int port;
    private final Map<String, Function<Request, Answer>> routes = new LinkedHashMap<>();
    private final Map<String, com.sun.net.httpserver.HttpHandler> rawRoutes = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public record Request(String method, String path, Map<String, String> query, String authorization, String accept,
                          String body) {
        public int intParam(String name, int otherwise) {
            String value = query.get(name);
            return value == null ? otherwise : Integer.parseInt(value);
        }
    }

    public record Answer(int status, String contentType, String body) {
        public static Answer json(Object value) {
            return json(200, value);
        }

        public static Answer json(int status, Object value) {
            try {
                return new Answer(status, "application/json", Json.mapper().writeValueAsString(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Answer text(String contentType, String body) {
            return new Answer(200, contentType, body);
        }
    }

    public StubServer() {
        http = listen(0);
        port = http.getAddress().getPort();
    }

    private HttpServer listen(int on) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
            server.createContext("/", this::handle);
            // Several at once (a held upload must not stop the polls), on daemon threads.
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "stub-server");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops answering (connections refused), as a server that went down; {@link #resume()} brings it back. */
    public synchronized void pause() {
        http.stop(0);
    }

    /** Answers again on the same port. */
    public synchronized void resume() {
        http = listen(port);
    }

    /** Hands {@code method path} to {@code handler} as it comes: for a test that must hold a request open. */
    public StubServer onRaw(String method, String path, com.sun.net.httpserver.HttpHandler handler) {
        rawRoutes.put(method + " " + path, handler);
        return this;
    }

    /** Answers {@code method path} (path without query; a trailing * matches any rest). */
    public StubServer on(String method, String path, Function<Request, Answer> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    public StubServer on(String method, String path, Object json) {
        return on(method, path, request -> Answer.json(json));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    public List<Request> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String called = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        var raw = rawRoutes.entrySet().stream().filter(r -> matches(r.getKey(), called)).findFirst();
        if (raw.isPresent()) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Accept"), null));
            raw.get().getValue().handle(exchange);
            return;
        }
        String body;
        try (var in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Accept"), body);
        requests.add(request);
        Answer answer = routes.entrySet().stream()
                .filter(route -> matches(route.getKey(), request.method() + " " + request.path()))
                .reduce((first, second) -> second) // the latest registration wins
                .map(route -> route.getValue().apply(request))
                .orElse(Answer.json(404, Map.of("error", "not found", "detail", request.path())));
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().isEmpty() ? -1 : answer.body().getBytes(StandardCharsets.UTF_8).length);
        try (var out = exchange.getResponseBody()) {
            out.write(answer.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean matches(String route, String actual) {
        return route.endsWith("*") ? actual.startsWith(route.substring(0, route.length() - 1)) : route.equals(actual);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return query;
    }

    @Override
    public synchronized void close() {
        http.stop(0);
    }
}
