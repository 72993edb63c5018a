package io.hireload.admin.connect;

import java.util.Optional;

/**
 * What the Connect view remembers between runs. {@code key} is empty when the operator uses the
 * local {@code admin.key}: that file is read again at each start, so a regenerated key just works
 * and the secret is not copied into the preferences store.
 */
public record ConnectionSettings(String url, Optional<String> key) {
    public static final String DEFAULT_URL = "http://localhost:8080";

    public ConnectionSettings {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        key = key == null ? Optional.empty() : key.filter(k -> !k.isBlank()).map(String::strip);
    }
}
