package io.hireload.backup.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.model.Json;
import io.hireload.failure.Failure;
import io.hireload.web.ApiDetails;

import java.nio.charset.StandardCharsets;

/**
 * Reads the optional restore body {@code {"backup": id}} by hand, so a wrong value is told in the
 * API's words ("backup must be ...") rather than in Jackson's, which name Java types.
 */
final class RestoreBody {
    private static final String SHAPE = "the body must be {\"backup\": <id>} or empty";

    private RestoreBody() {
    }

    /** The backup id the body names, or null for the table's newest backup. */
    static Long backupId(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new Failure.InvalidInput(SHAPE + "; " + ApiDetails.invalidJson(e));
        }
        if (root == null || root.isNull()) {
            return null;
        }
        if (!root.isObject()) {
            throw new Failure.InvalidInput(SHAPE + ", not " + ApiDetails.jsonKind(root));
        }
        JsonNode backup = root.get("backup");
        if (backup == null || backup.isNull()) {
            return null;
        }
        if (!backup.isIntegralNumber() || !backup.canConvertToLong() || backup.asLong() < 1) {
            throw new Failure.InvalidInput("backup must be a backup id (an integer, 1 or more), not "
                    + ApiDetails.abbreviate(backup.toString()));
        }
        return backup.asLong();
    }
}
