package io.hireload.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The one check of a request's query as typed, for every route. Helidon 4.2.0's own check of the
 * request line leaves out the {@code :} RFC 3986 allows in a query, so
 * {@code hired_from=2021-01-01T00:00:00Z} typed as is was refused; that check is off
 * ({@code server.protocols.http_1_1.validate-prologue=false}) and this one takes its place: the
 * characters of RFC 3986's query production, escapes of two hex digits, and no NUL ({@code %00}),
 * which no value of the API may hold (PostgreSQL refuses it in text).
 */
final class QuerySyntax {
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        // unreserved, sub-delims, and the ':' '@' '/' '?' a query adds to them
        for (char c : "-._~!$&'()*+,;=:@/?".toCharArray()) {
            ALLOWED[c] = true;
        }
    }

    private QuerySyntax() {
    }

    /** Why the raw query cannot be read, in the API's words, or null when it can. */
    static String problem(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !hex(raw.charAt(i + 1)) || !hex(raw.charAt(i + 2))) {
                    return "the query has a '%' that does not start an escape of two hex digits (a '%' itself is"
                            + " written %25)";
                }
                i += 2;
            } else if (c >= ALLOWED.length || !ALLOWED[c]) {
                return "the query holds " + shown(c) + ", which must be percent-encoded";
            }
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 3)) {
            if (raw.startsWith("%00", i)) {
                return "the query parameter '" + parameterAt(raw, i) + "' holds a NUL character (%00), which no"
                        + " value may hold";
            }
        }
        return null;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String shown(char c) {
        return c < 0x20 || c >= 0x7f ? String.format("the byte 0x%02X", (int) c & 0xFF) : "'" + c + "'";
    }

    /** The decoded name of the parameter whose text holds position {@code at}. */
    private static String parameterAt(String raw, int at) {
        int start = raw.lastIndexOf('&', at) + 1;
        int end = raw.indexOf('&', at);
        String pair = raw.substring(start, end < 0 ? raw.length() : end);
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8).replace("\0", "\\0");
        return decoded.length() <= 40 ? decoded : decoded.substring(0, 37) + "...";
    }
}
