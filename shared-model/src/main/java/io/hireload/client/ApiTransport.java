package io.hireload.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.model.ApiError;
import io.hireload.model.HealthAnswer;
import io.hireload.model.Json;
import io.hireload.model.Page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link HireloadClient} speaks to the server: requests with the key, answers read as JSON,
 * and every error status turned into an {@link ApiException} carrying the server's own words.
 */
final class ApiTransport {
    private final URI base;
    private final String key;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    ApiTransport(URI base, String key) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.key = key;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    ObjectMapper json() {
        return json;
    }

    HealthAnswer getAllowing503(String path) {
        HttpResponse<String> response = exchange(request(path).GET().build());
        if (response.statusCode() == 503) {
            return read(response.body(), type(HealthAnswer.class));
        }
        return read(checked(response).body(), type(HealthAnswer.class));
    }

    <T> Optional<T> find(String path, Class<T> type) {
        HttpResponse<String> response = exchange(request(path).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(checked(response).body(), type(type)));
    }

    <T> T get(String path, JavaType type) {
        return send("GET", path, null, null, type);
    }

    <T> T send(String method, String path, String contentType, String body, JavaType type) {
        HttpRequest.Builder builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return read(checked(exchange(builder.build())).body(), type);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(30))
                .header("Accept", "application/json");
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key.strip());
        }
        return builder;
    }

    HttpResponse<String> exchange(HttpRequest request) {
        return exchange(request, HttpResponse.BodyHandlers.ofString());
    }

    <B> HttpResponse<B> exchange(HttpRequest request, HttpResponse.BodyHandler<B> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            // HttpClient's ConnectException has no message; say what happened instead of ": null".
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new UncheckedIOException("cannot reach " + base + ": " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + base, e);
        }
    }

    HttpResponse<String> checked(HttpResponse<String> response) {
        checked(response.statusCode(), response.body());
        return response;
    }

    void checked(int status, String body) {
        if (status >= 400) {
            ApiError error;
            try {
                error = json.readValue(body, ApiError.class);
            } catch (IOException | RuntimeException e) {
                error = new ApiError("HTTP " + status, body);
            }
            if (error.error() == null) {
                error = new ApiError("HTTP " + status, body);
            }
            throw new ApiException(status, error);
        }
    }

    <T> T read(String body, JavaType type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected answer from " + base + ": " + e.getMessage(), e);
        }
    }

    JavaType type(Class<?> type) {
        return json.getTypeFactory().constructType(type);
    }

    JavaType pageOf(Class<?> item) {
        return json.getTypeFactory().constructParametricType(Page.class, item);
    }
}
