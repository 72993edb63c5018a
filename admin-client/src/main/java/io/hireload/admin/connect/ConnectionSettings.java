package io.hireload.admin.connect;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the Connect view remembers between runs. {@code key} is empty when the operator uses the
 * local {@code admin.key}: that file is read again at each start, so a regenerated key just works
 * and the secret is not copied into the preferences store.
 */
public record ConnectionSettings(String url, Optional<String> key) {
    public static final String DEFAULT_URL = "http://localhost:8080";

    /**
     * The server the environment names, over a remembered one: {@code HIRELOAD_URL}, or a local
     * server on {@code SERVER_PORT} (the port {@code make run} was given, which {@code make client}
     * passes on). Empty when neither is set.
     */
    public static Optional<String> fromEnvironment(UnaryOperator<String> settings) {
        String url = settings.apply("HIRELOAD_URL");
        if (url != null && !url.isBlank()) {
            return Optional.of(url.strip());
        }
        String port = settings.apply("SERVER_PORT");
        return port == null || port.isBlank() ? Optional.empty() : Optional.of("http://localhost:" + port.strip());
    }

    public ConnectionSettings {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        key = key == null ? Optional.empty() : key.filter(k -> !k.isBlank()).map(String::strip);
    }
}
