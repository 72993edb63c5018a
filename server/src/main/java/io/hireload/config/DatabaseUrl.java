package io.hireload.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} in either form the seed accepted: a JDBC URL, or
 * {@code postgresql://user:pass@host:port/db} (also {@code postgres://}). Credentials in the URL
 * win over nothing; {@code DATABASE_USER} and {@code DATABASE_PASSWORD} win over the URL's.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url, String user, String password) {
        String value = url.strip();
        if (value.startsWith("jdbc:")) {
            return new DatabaseUrl(value, user, password);
        }
        if (!value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
            throw new IllegalArgumentException("DATABASE_URL must be a JDBC URL (jdbc:postgresql://...) "
                    + "or postgresql://user:pass@host:port/db");
        }
        URI uri = URI.create(value);
        String urlUser = null;
        String urlPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            urlUser = decode(parts[0]);
            urlPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + host + ":" + port + path + query,
                blank(user) ? urlUser : user,
                blank(password) ? urlPassword : password);
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
