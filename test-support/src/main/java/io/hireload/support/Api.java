package io.hireload.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.client.HireloadClient;
import jakarta.ws.rs.client.WebTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Real HTTP against a hireload server: the typed client, raw requests for the edge cases, and JSON
 * trees for callers that must keep working while the server's records evolve (the benchmark).
 */
public final class Api {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String key;

    /** The server under a {@code @HelidonTest}, with the tests' admin key. */
    public Api(WebTarget target) {
        this(target.getUri());
    }

    public Api(URI base) {
        this(base, TestKeys.ADMIN);
    }

    public Api(URI base, String adminKey) {
        this.base = base;
        this.key = adminKey;
    }

    public URI base() {
        return base;
    }

    /** The typed client with the admin key. */
    public HireloadClient client() {
        return client(key);
    }

    public HireloadClient client(String key) {
        return new HireloadClient(base, key);
    }

    /** A GET with the admin key. */
    public HttpResponse<String> get(String path) {
        return send(request(path, key).GET().build());
    }

    /** A POST with the admin key. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path, key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Any method with the admin key, asking for JSON; {@code contentType} and {@code body} may be null. */
    public HttpResponse<String> call(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path, key).header("Accept", "application/json");
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A request to build on; {@code key} null sends no credentials. */
    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(30));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getRawPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri().getRawPath(), e);
        }
    }

    /** The JSON of a 2xx answer; anything else is an error that says what the server said. */
    public JsonNode ok(String method, String path, String contentType, String body) {
        HttpResponse<String> answer = call(method, path, contentType, body);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
                    + abbreviate(answer.body()));
        }
        return parse(answer.body());
    }

    /** A GET's JSON, which must be a 2xx answer. */
    public JsonNode json(String path) {
        return ok("GET", path, null, null);
    }

    /**
     * Loads one table from the bucket and answers its report once the load has ended. Asks for a
     * synchronous load; if the server answers 202 anyway, follows {@code /loads/{id}} until the load
     * ends, so what a caller times is always the whole load. A load that does not succeed is an error.
     */
    public JsonNode load(String table, int batchSize) {
        // force: such a load reads its objects in full, loaded before or not (the benchmark times that).
        String path = "/" + table + "/batch?batch_size=" + batchSize + "&async=false&force=true";
        HttpResponse<String> answer = call("POST", path, null, null);
        if (answer.statusCode() == 202) {
            String location = answer.headers().firstValue("Location")
                    .orElse("/loads/" + parse(answer.body()).path("load_id").asLong());
            String follow = URI.create(location).getRawPath();
            // Looks every 200 ms, as the benchmark's timings always have; the hour is a ceiling for a stuck run.
            return succeeded(path, Await.value(follow + " to finish", Duration.ofHours(1), Duration.ofMillis(200), () -> {
                JsonNode report;
                try {
                    report = json(follow);
                } catch (RuntimeException e) {
                    throw new Await.GiveUp("GET " + follow + " failed: " + e.getMessage(), e);
                }
                String status = report.path("status").asText("").toLowerCase(Locale.ROOT);
                return status.equals("queued") || status.equals("running") ? Optional.empty() : Optional.of(report);
            }));
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": "
                    + abbreviate(answer.body()));
        }
        return succeeded(path, parse(answer.body()));
    }

    /** Every item of a paged list, fetched page after page with the largest page size. */
    public List<JsonNode> allItems(String path) {
        List<JsonNode> items = new ArrayList<>();
        int page = 1;
        int pages;
        do {
            JsonNode answer = json(path + (path.contains("?") ? "&" : "?") + "page=" + page + "&limit=1000&size=1000");
            answer.path("items").forEach(items::add);
            pages = answer.path("pages").asInt(1);
            page++;
        } while (page <= pages);
        return items;
    }

    /** The number of rows in a table, as its list says. */
    public long total(String table) {
        return json("/" + table + "?size=1").path("total").asLong(-1);
    }

    public JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + abbreviate(body), e);
        }
    }

    public static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** Waits between two looks at something the server changes; interruption ends the wait as an error. */
    public static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode succeeded(String path, JsonNode report) {
        String status = report.path("status").asText("succeeded").toLowerCase(Locale.ROOT);
        if (!status.equals("succeeded")) {
            throw new IllegalStateException("POST " + path + " ended " + status + ": " + abbreviate(report.toString()));
        }
        return report;
    }
}
