package io.hireload.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps error details in the API's terms: a client reads about its fields and values, never about
 * Java types, Jackson's tokens and features, SQL or the cause of a server fault (those go to the
 * log). Used at the web edge for every error answer.
 */
public final class ApiDetails {
    /** {@code `java.lang.Long`}, {@code io.hireload.model.RestoreRequest}: a qualified Java name. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "`?\\b(?:java|javax|jakarta|io|com|org|net)\\.(?:[a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:\\.[A-Z][\\w$]*)*`?");
    /** Jackson's hints such as "(enable `JsonReadFeature.ALLOW_...` to allow)" or "(token `JsonToken.START_ARRAY`)". */
    private static final Pattern JACKSON_HINT = Pattern.compile("\\s*\\((?:[^()]*(?:Feature|JsonToken|token)[^()]*)\\)");
    private static final Pattern JSON_TOKEN = Pattern.compile("`?\\bJsonToken\\.(\\w+)`?|\\b(START_ARRAY|START_OBJECT|END_ARRAY|END_OBJECT"
            + "|VALUE_STRING|VALUE_NUMBER_INT|VALUE_NUMBER_FLOAT|VALUE_TRUE|VALUE_FALSE|VALUE_NULL|FIELD_NAME)\\b");
    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("START_ARRAY", "an array"), Map.entry("START_OBJECT", "an object"),
            Map.entry("END_ARRAY", "the end of an array"), Map.entry("END_OBJECT", "the end of an object"),
            Map.entry("VALUE_STRING", "a string"), Map.entry("VALUE_NUMBER_INT", "an integer"),
            Map.entry("VALUE_NUMBER_FLOAT", "a number"), Map.entry("VALUE_TRUE", "true"),
            Map.entry("VALUE_FALSE", "false"), Map.entry("VALUE_NULL", "null"), Map.entry("FIELD_NAME", "a key"));
    /** A bare {@code StreamReadFeature.X} or {@code JsonReadFeature} outside a hint. */
    private static final Pattern FEATURE = Pattern.compile("`?\\b[A-Z]\\w*Feature\\b(?:\\.[A-Z_]+)?`?");
    private static final int MAX_DETAIL = 1000;

    private ApiDetails() {
    }

    /** "it is not valid JSON (line 1, column 12)": where, not Jackson's wording. */
    public static String invalidJson(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return "it is not valid JSON";
        }
        return "it is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** "an array", "a string", ...: a JSON value's kind in words. */
    public static String jsonKind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            default -> "a value";
        };
    }

    /**
     * A client error's detail with whatever names the implementation rather than the API taken
     * out: Java types become "a value", Jackson's tokens their JSON words, its feature hints go.
     */
    public static String clean(String detail) {
        if (detail == null || detail.isBlank()) {
            return "the request breaks a rule of the API";
        }
        String text = JACKSON_HINT.matcher(detail).replaceAll("");
        Matcher tokens = JSON_TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (tokens.find()) {
            String token = tokens.group(1) != null ? tokens.group(1) : tokens.group(2);
            tokens.appendReplacement(out, Matcher.quoteReplacement(TOKENS.getOrDefault(token, "a value")));
        }
        tokens.appendTail(out);
        text = JAVA_NAME.matcher(out).replaceAll("a value");
        text = FEATURE.matcher(text).replaceAll("a parser option");
        return abbreviate(text.strip(), MAX_DETAIL);
    }

    /**
     * A server fault's detail without its causes' messages (SQL, driver and SDK text): the sentence
     * the code wrote stays, the raw text is for the log only.
     */
    public static String withoutCauses(String detail, Throwable cause) {
        String text = detail == null ? "" : detail;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.length() > 3 && text.contains(message)) {
                text = text.replace(message, "see the server log");
            }
            String described = t.toString();
            if (described.length() > 3 && text.contains(described)) {
                text = text.replace(described, "see the server log");
            }
        }
        return clean(text);
    }

    public static String abbreviate(String value) {
        return abbreviate(value, 40);
    }

    private static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 3) + "...";
    }
}
