package io.hireload.observe;

import io.helidon.logging.common.HelidonMdc;
import io.hireload.config.ConfigBeans;
import io.hireload.config.ServerSettings;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The console's log format: plain text by default (the {@code SimpleFormatter} pattern of
 * logging.properties), one JSON object per line with {@code HIRELOAD_LOG_FORMAT=json}, which is
 * what CloudWatch Logs Insights queries by field. A JSON line carries the load id when the line was
 * written on behalf of a load ({@link #LOAD_ID} in the MDC, or in the record's fields); a record
 * whose first parameter is a map adds its entries as fields of the line (the load log's counters),
 * and an {@link #emf} map makes it a CloudWatch embedded-metric-format document as well.
 */
public class LogFormat extends Formatter {
    /** The MDC key a load's thread sets while it runs. */
    public static final String LOAD_ID = "load_id";
    /** CloudWatch namespace of the metrics the log lines carry. */
    public static final String NAMESPACE = "hireload";
    /** The marker of an EMF parameter. */
    static final String EMF = "_aws";

    private final boolean json = ConfigBeans.beforeConfig(ServerSettings.class).jsonLogs();
    private final SimpleFormatter text = new SimpleFormatter();

    @Override
    public String format(LogRecord record) {
        return json ? json(record) : text.format(record);
    }

    /**
     * The fields of an EMF document counting one {@code metric} (unit Count, dimension Service), with
     * {@code fields} beside it; logged as a record's first parameter.
     */
    public static Map<String, Object> emf(String metric, Map<String, Object> fields) {
        Map<String, Object> doc = new LinkedHashMap<>(fields);
        doc.put(EMF, Map.of(
                "Timestamp", System.currentTimeMillis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of("Service")),
                        "Metrics", List.of(Map.of("Name", metric, "Unit", "Count"))))));
        doc.put("Service", "hireload");
        doc.put(metric, 1);
        return doc;
    }

    private String json(LogRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        line.put("thread", Thread.currentThread().getName());
        line.put("message", formatMessage(record));
        Object[] parameters = record.getParameters();
        Map<?, ?> fields = parameters != null && parameters.length > 0 && parameters[0] instanceof Map<?, ?> map
                ? map : Map.of();
        // A record about one load names it; otherwise the load the thread works on, if any.
        if (fields.get(LOAD_ID) instanceof Number id) {
            line.put(LOAD_ID, id.longValue());
        } else {
            HelidonMdc.get(LOAD_ID).ifPresent(id -> line.put(LOAD_ID, Long.valueOf(id)));
        }
        fields.forEach((k, v) -> line.putIfAbsent(String.valueOf(k), v));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("exception", trace.toString());
        }
        StringBuilder out = new StringBuilder(256);
        write(out, line);
        return out.append('\n').toString();
    }

    /** A small JSON writer: the formatter runs before any framework is up, so it needs none. */
    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            quote(out, value.toString());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
