package io.hireload.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * A MicroProfile Config source over a map of values, the one shape of the sources this project
 * writes: the settings derived from the operator's names, and the tests' per-class settings. A
 * setting is found under its property name or its environment name ({@link SettingNames}).
 */
public abstract class MapConfigSource implements ConfigSource {
    private final String name;
    private final int ordinal;

    protected MapConfigSource(String name, int ordinal) {
        this.name = name;
        this.ordinal = ordinal;
    }

    /** The values as they are now; read on every lookup. */
    protected abstract Map<String, String> values();

    @Override
    public Set<String> getPropertyNames() {
        return values().keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return values();
    }

    @Override
    public String getValue(String propertyName) {
        return SettingNames.byEitherName(values()).apply(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }
}
