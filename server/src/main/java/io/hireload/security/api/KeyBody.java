package io.hireload.security.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.failure.Failure;
import io.hireload.model.Json;
import io.hireload.model.NewKey;
import io.hireload.model.Role;
import io.hireload.web.ApiDetails;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code POST /keys}'s body by hand, so a wrong value is told in the API's words
 * ({@code role must be reader, loader or admin}) rather than in Jackson's.
 */
final class KeyBody {
    private static final String SHAPE = "the body must be {\"name\": \"alice\", \"role\": \"loader\", \"expires_at\": null}";

    private KeyBody() {
    }

    static NewKey read(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new Failure.InvalidInput(SHAPE + "; " + ApiDetails.invalidJson(e));
        }
        if (root == null || !root.isObject()) {
            throw new Failure.InvalidInput(SHAPE + (root == null ? ", not empty" : ", not " + ApiDetails.jsonKind(root)));
        }
        return new NewKey(text(root, "name"), role(root.get("role")), expiry(root.get("expires_at")));
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Failure.InvalidInput(field + " must be a string, not " + ApiDetails.abbreviate(value.toString()));
        }
        return value.asText();
    }

    private static Role role(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Role.fromWire(value.isTextual() ? value.asText() : value.toString());
        } catch (IllegalArgumentException e) {
            throw new Failure.InvalidInput("role must be reader, loader or admin, not "
                    + ApiDetails.abbreviate(value.toString()));
        }
    }

    private static Instant expiry(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (!value.isTextual()) {
                throw new DateTimeParseException("not text", value.toString(), 0);
            }
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Failure.InvalidInput("expires_at must be null or an ISO-8601 instant with Z or an offset, such as "
                    + "2027-01-01T00:00:00Z, not " + ApiDetails.abbreviate(value.toString()));
        }
    }
}
