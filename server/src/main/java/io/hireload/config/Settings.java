package io.hireload.config;

import java.util.Optional;

/**
 * Reads the configuration names of SPEC section 4 where MicroProfile Config is not up yet (a
 * ConfigSource): system properties first (how {@code make run} and tests pass them), then the
 * environment.
 */
public final class Settings {
    private Settings() {
    }

    public static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
