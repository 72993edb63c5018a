package io.hireload.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.model.TableName;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON array of rows (objects keyed by the CSV column names) into {@link SourceRow}s, one
 * item at a time, and stops as soon as it holds more rows than allowed. An item's fields become
 * text for the one validator; a field of the wrong JSON type, or a key given twice, becomes a
 * rejection of that item.
 */
public final class JsonRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> ALIASES = Map.of("hire_date", "datetime");

    private JsonRows() {
    }

    /**
     * One item of the array; {@code typeError} is set when the item cannot be read as a row: a
     * field of the wrong JSON type, a key given twice, a column named twice.
     */
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
                item++;
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    JsonNode node = MAPPER.readTree(parser);
                    items.add(new Item(SourceRow.rendered(SourceRow.JSON_BODY, item, node::toString, List.of()),
                            "item is not a JSON object"));
                    counted++;
                } else {
                    List<Map.Entry<String, JsonNode>> entries = entries(parser);
                    List<String> problems = new ArrayList<>();
                    List<String> fields = fields(table, entries, problems);
                    SourceRow row = SourceRow.rendered(SourceRow.JSON_BODY, item, () -> render(entries), fields);
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

    /**
     * The members of the object the parser is at, in order and each as sent: a tree would keep
     * one value of a repeated key (the last) and drop the fact that it was repeated.
     */
    private static List<Map.Entry<String, JsonNode>> entries(JsonParser parser) throws IOException {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            entries.add(new AbstractMap.SimpleImmutableEntry<>(key, MAPPER.readTree(parser)));
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new BodyException("the JSON array is not closed");
        }
        return entries;
    }

    /** The item's text as received, repeated keys included; only rejected rows are rendered. */
    private static String render(List<Map.Entry<String, JsonNode>> entries) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, JsonNode> entry : entries) {
                json.writeFieldName(entry.getKey());
                json.writeTree(entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * A key sent twice, or a column named twice ({@code datetime} and its alias {@code hire_date}),
     * is a problem of the row: which value was meant cannot be known, so neither is taken.
     */
    private static List<String> fields(TableName table, List<Map.Entry<String, JsonNode>> entries,
                                       List<String> problems) {
        List<String> columns = Columns.of(table);
        String[] fields = new String[columns.size()];
        Map<String, String> namedBy = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (!keys.add(entry.getKey())) {
                problems.add("duplicate key \"" + entry.getKey() + "\"");
                continue;
            }
            String column = ALIASES.getOrDefault(entry.getKey(), entry.getKey());
            int index = columns.indexOf(column);
            if (index < 0) {
                continue;
            }
            String earlier = namedBy.putIfAbsent(column, entry.getKey());
            if (earlier != null) {
                problems.add("both \"" + earlier + "\" and \"" + entry.getKey() + "\" given; they name the same"
                        + " column, send one");
                continue;
            }
            fields[index] = text(column, entry.getValue(), problems);
        }
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
