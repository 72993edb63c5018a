package io.hireload.security;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** The bootstrap keys ({@link Keys}): the admin key and the comma-separated reader keys. */
@Dependent
@ConfigProperties(prefix = "hireload")
public class KeySettings {
    @ConfigProperty(name = "admin-key")
    private Optional<String> adminKey;
    @ConfigProperty(name = "reader-keys")
    private Optional<String> readerKeys;

    public Optional<String> adminKey() {
        return adminKey;
    }

    public Optional<String> readerKeys() {
        return readerKeys;
    }
}
