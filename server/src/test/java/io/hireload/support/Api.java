package io.hireload.support;

import io.hireload.client.HireloadClient;
import jakarta.ws.rs.client.WebTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP against the server under test: the typed client, and raw requests for the edge cases. */
public final class Api {
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    public Api(WebTarget target) {
        this(target.getUri());
    }

    public Api(URI base) {
        this.base = base;
    }

    /** The typed client with the admin key. */
    public HireloadClient client() {
        return client(EmbeddedServices.ADMIN_KEY);
    }

    public HireloadClient client(String key) {
        return new HireloadClient(base, key);
    }

    /** A GET with the admin key. */
    public HttpResponse<String> get(String path) {
        return send(request(path, EmbeddedServices.ADMIN_KEY).GET().build());
    }

    /** A POST with the admin key. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path, EmbeddedServices.ADMIN_KEY).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A request to build on; {@code key} null sends no credentials. */
    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
