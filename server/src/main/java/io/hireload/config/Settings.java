package io.hireload.config;

import java.util.Optional;

/**
 * The one raw read of a setting by name, for what runs before MicroProfile Config exists: the
 * config source that derives the pool's and the server's properties (a source cannot ask Config,
 * it is part of it) and the log formatter (logging starts before Config). Everything else reads
 * its settings group ({@code @ConfigProperties}) through Config, injected or by {@link ConfigBeans}.
 */
final class Settings {
    private Settings() {
    }

    /**
     * A setting from system properties, then the environment, under either of its names
     * ({@link SettingNames}); blank counts as unset.
     */
    static String beforeConfig(String property) {
        String value = SettingNames.byEitherName(System::getProperty).apply(property);
        if (value == null) {
            value = SettingNames.byEitherName(System::getenv).apply(property);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
