package io.hireload.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** The OpenAPI document as the server under test serves it, as JSON, and saved where the tools read it. */
public record ApiDocument(JsonNode json, Path file) {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    public static ApiDocument served(Api api) {
        HttpResponse<String> answer = api.send(api.request("/openapi", null).header("Accept", "application/json").GET().build());
        if (answer.statusCode() != 200) {
            throw new AssertionError("/openapi answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            Path file = Path.of("target", "openapi-served.json").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, answer.body());
            return new ApiDocument(new ObjectMapper().readTree(answer.body()), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "METHOD /path/{param}" for every operation. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        json.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The operation object of "METHOD /path". */
    public JsonNode operation(String operation) {
        String[] parts = operation.split(" ", 2);
        return json.path("paths").path(parts[1]).path(parts[0].toLowerCase(java.util.Locale.ROOT));
    }
}
