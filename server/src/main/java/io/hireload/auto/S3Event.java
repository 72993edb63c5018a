package io.hireload.auto;

import io.hireload.s3.CsvObjects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQS message body as S3 sends it: {@code Records[]} of event notifications (format 2.x), or
 * the {@code s3:TestEvent} S3 sends when a notification is configured. A body wrapped by SNS (S3 to
 * SNS to SQS) is unwrapped from its {@code Message}. Anything else is not an S3 event and is
 * refused with {@link IllegalArgumentException}: such a message is left on the queue, so SQS's
 * redrive moves it to the dead-letter queue for a person to read.
 */
record S3Event(boolean test, List<Notice> records) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One announced object: the event's name ({@code ObjectCreated:Put}, ...), its bucket, its key
     * (URL-decoded: S3 sends keys form-encoded, a space as {@code +}), its ETag and size.
     */
    record Notice(String eventName, String bucket, String key, String etag, long size) {
        boolean created() {
            return eventName.startsWith("ObjectCreated:");
        }
    }

    static S3Event parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (root.path("Type").asText().equals("Notification") && root.path("Message").isTextual()) {
            return parse(root.path("Message").asText());
        }
        if (root.path("Event").asText().equals("s3:TestEvent")) {
            return new S3Event(true, List.of());
        }
        JsonNode records = root.path("Records");
        if (!records.isArray()) {
            throw new IllegalArgumentException("neither Records nor an s3:TestEvent");
        }
        List<Notice> notices = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode s3 = record.path("s3");
            String key = s3.path("object").path("key").asText(null);
            String bucket = s3.path("bucket").path("name").asText(null);
            if (key == null || bucket == null || !record.path("eventName").isTextual()) {
                throw new IllegalArgumentException("a record without eventName, s3.bucket.name or s3.object.key");
            }
            notices.add(new Notice(record.path("eventName").asText(), bucket,
                    URLDecoder.decode(key, StandardCharsets.UTF_8),
                    CsvObjects.unquoted(s3.path("object").path("eTag").asText("")), s3.path("object").path("size").asLong(0)));
        }
        return new S3Event(false, List.copyOf(notices));
    }

}
