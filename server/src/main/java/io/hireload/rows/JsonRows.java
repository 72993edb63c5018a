package io.hireload.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.model.TableName;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON array of rows (objects keyed by the CSV column names) into {@link SourceRow}s, one
 * item at a time, and stops as soon as it holds more rows than allowed. An item's fields become
 * text for the one validator; a field of the wrong JSON type becomes a rejection of that item.
 */
public final class JsonRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> ALIASES = Map.of("hire_date", "datetime");

    private JsonRows() {
    }

    /** One item of the array; {@code typeError} is set when a field had the wrong JSON type. */
    public record Item(SourceRow row, String typeError) {
    }

    /** What a body held: its items in order, and whether it held more rows than {@code limit}. */
    public record Parsed(List<Item> items, boolean overLimit) {
    }

    /**
     * @throws BodyException when the body is not a JSON array
     */
    public static Parsed read(TableName table, InputStream body, int limit) throws IOException {
        List<Item> items = new ArrayList<>();
        JsonFactory factory = MAPPER.getFactory();
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new BodyException("the body must be a JSON array of row objects, like [{\"id\": 1, ...}]");
            }
            int item = 0;
            int counted = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new BodyException("the JSON array is not closed");
                }
                JsonNode node = MAPPER.readTree(parser);
                item++;
                SourceRow row = SourceRow.rendered(SourceRow.JSON_BODY, item, node::toString, List.of());
                if (!node.isObject()) {
                    items.add(new Item(row, "item is not a JSON object"));
                    counted++;
                } else {
                    List<String> problems = new ArrayList<>();
                    List<String> fields = fields(table, node, problems);
                    row = SourceRow.rendered(SourceRow.JSON_BODY, item, node::toString, fields);
                    if (!problems.isEmpty()) {
                        items.add(new Item(row, String.join("; ", problems)));
                        counted++;
                    } else {
                        items.add(new Item(row, null));
                        counted += row.blank() ? 0 : 1;
                    }
                }
                if (counted > limit) {
                    return new Parsed(items, true);
                }
            }
            if (parser.nextToken() != null) {
                throw new BodyException("unexpected content after the JSON array");
            }
        } catch (JsonProcessingException e) {
            throw new BodyException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        return new Parsed(items, false);
    }

    private static List<String> fields(TableName table, JsonNode node, List<String> problems) {
        List<String> columns = Columns.of(table);
        String[] fields = new String[columns.size()];
        node.properties().forEach(entry -> {
            String key = ALIASES.getOrDefault(entry.getKey(), entry.getKey());
            int index = columns.indexOf(key);
            if (index >= 0) {
                fields[index] = text(key, entry.getValue(), problems);
            }
        });
        return java.util.Arrays.asList(fields);
    }

    /** Numbers for ids (a string of digits is read as the CSV files are), strings for the rest. */
    private static String text(String column, JsonNode value, List<String> problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        boolean integerColumn = column.equals("id") || column.endsWith("_id");
        if (integerColumn && value.isNumber()) {
            return value.isIntegralNumber() ? value.asText() : value.toString();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        problems.add(column + " must be " + (integerColumn ? "an integer" : "a string") + ", not " + kind(value));
        return "";
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean (" + value.asText() + ")";
            case NUMBER -> "a number (" + value.asText() + ")";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The body as a whole cannot be read as rows. */
    public static class BodyException extends RuntimeException {
        public BodyException(String message) {
            super(message);
        }
    }
}
