package io.hireload.config;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/**
 * The configuration names of SPEC section 4, for code that is not a CDI bean (beans inject them
 * with {@code @ConfigProperty}). Everything reads through MicroProfile Config, so a name set in
 * the environment, a system property or {@code microprofile-config.properties} means the same.
 */
public final class Settings {
    private Settings() {
    }

    /** A setting through MicroProfile Config; blank counts as unset. */
    public static Optional<String> get(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }

    /**
     * A setting read before MicroProfile Config exists: by the config source that derives the
     * pool's and the server's properties (a source cannot ask Config, it is part of it) and by the
     * log formatter (logging starts before Config). System properties first, then the environment.
     */
    public static Optional<String> beforeConfig(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
