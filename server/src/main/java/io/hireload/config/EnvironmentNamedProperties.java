package io.hireload.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * System properties given under a setting's environment name ({@code -DS3_BUCKET=...},
 * {@code -DHIRELOAD_LOAD_WORKERS=2}; {@code make run}'s launcher hands its embedded services over so),
 * answered for the setting's property name, at the ordinal of system properties: MicroProfile
 * Config maps environment names for the environment only ({@link SettingNames}).
 */
public class EnvironmentNamedProperties implements ConfigSource {
    static final int ORDINAL = 400;

    @Override
    public Set<String> getPropertyNames() {
        // Answered by name only: which property an environment name stands for is not unique.
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        String name = SettingNames.environmentName(propertyName);
        return name.equals(propertyName) ? null : System.getProperty(name);
    }

    @Override
    public String getName() {
        return "hireload-environment-named-system-properties";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
