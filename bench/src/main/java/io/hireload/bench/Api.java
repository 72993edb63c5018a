package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * The server's HTTP API as the benchmark sees it: raw requests and JSON trees, not the typed
 * client, so that the benchmark keeps measuring while the server's records evolve.
 */
final class Api {
    record Answer(int status, String body, HttpResponse<String> response) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String key;

    Api(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    URI base() {
        return base;
    }

    Answer call(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + key);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    /** The JSON of a 2xx answer; anything else is an error that says what the server said. */
    JsonNode ok(String method, String path, String contentType, String body) {
        Answer answer = call(method, path, contentType, body);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": "
                    + abbreviate(answer.body()));
        }
        return parse(answer.body());
    }

    JsonNode get(String path) {
        return ok("GET", path, null, null);
    }

    /**
     * Loads one table from the bucket and waits for the end of the load. Asks for a synchronous
     * load; if the server answers 202 anyway, follows {@code /loads/{id}} until the load ends, so
     * the time measured is always the whole load.
     */
    JsonNode load(String table, int batchSize) {
        // force: every load of the benchmark reads its objects in full, loaded before or not.
        String path = "/" + table + "/batch?batch_size=" + batchSize + "&async=false&force=true";
        Answer answer = call("POST", path, null, null);
        if (answer.status() == 202) {
            JsonNode started = parse(answer.body());
            String location = answer.response().headers().firstValue("Location")
                    .orElse("/loads/" + started.path("load_id").asLong());
            String follow = URI.create(location).getRawPath();
            while (true) {
                JsonNode report = get(follow);
                String status = report.path("status").asText("").toLowerCase(Locale.ROOT);
                if (!status.equals("queued") && !status.equals("running")) {
                    return checkSucceeded(path, report);
                }
                sleep(200);
            }
        }
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + answer.status() + ": "
                    + abbreviate(answer.body()));
        }
        return checkSucceeded(path, parse(answer.body()));
    }

    /** Every item of a paged list, fetched page after page with the largest page size. */
    List<JsonNode> allItems(String path) {
        List<JsonNode> items = new ArrayList<>();
        int page = 1;
        int pages;
        do {
            JsonNode answer = get(path + (path.contains("?") ? "&" : "?") + "page=" + page + "&limit=1000&size=1000");
            answer.path("items").forEach(items::add);
            pages = answer.path("pages").asInt(1);
            page++;
        } while (page <= pages);
        return items;
    }

    long total(String table) {
        return get("/" + table + "?size=1").path("total").asLong(-1);
    }

    private static JsonNode checkSucceeded(String path, JsonNode report) {
        String status = report.path("status").asText("succeeded").toLowerCase(Locale.ROOT);
        if (!status.equals("succeeded")) {
            throw new IllegalStateException("POST " + path + " ended " + status + ": " + abbreviate(report.toString()));
        }
        return report;
    }

    JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + abbreviate(body), e);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
