package io.hireload.config;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A settings group ({@code @ConfigProperties} class) filled outside CDI, by the same declaration
 * CDI injects: for code that runs where no bean is (the migration step's {@code main}, a static
 * reader, a config source that derives from the settings before Config exists). Fields of type
 * {@code String}, {@code Optional<String>}, {@code int}, {@code long} and {@code boolean}; a blank
 * value counts as unset.
 */
public final class ConfigBeans {
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "on");

    private ConfigBeans() {
    }

    /** The group as MicroProfile Config answers it now. */
    public static <T> T of(Class<T> type) {
        var config = ConfigProvider.getConfig();
        return read(type, name -> config.getOptionalValue(name, String.class).orElse(null));
    }

    /**
     * The group read before MicroProfile Config exists (by the log formatter, which starts first,
     * and by {@link DerivedConfigSource}, which is part of Config): system properties, then the
     * environment, under either name of each setting.
     */
    public static <T> T beforeConfig(Class<T> type) {
        return read(type, Settings::beforeConfig);
    }

    /** The group with its values from {@code lookup} (null: unset). */
    public static <T> T read(Class<T> type, UnaryOperator<String> lookup) {
        ConfigProperties group = type.getAnnotation(ConfigProperties.class);
        if (group == null) {
            throw new IllegalArgumentException(type.getName() + " is not a @ConfigProperties class");
        }
        try {
            T instance = type.getConstructor().newInstance();
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    set(instance, field, name(group, field), lookup);
                }
            }
            return instance;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot fill " + type.getName(), e);
        }
    }

    /** A field's full property name: the group's prefix, then the field's own name. */
    public static String name(ConfigProperties group, Field field) {
        ConfigProperty property = field.getAnnotation(ConfigProperty.class);
        String name = property == null || property.name().isEmpty() ? field.getName() : property.name();
        String prefix = group.prefix();
        return prefix.isEmpty() || ConfigProperties.UNCONFIGURED_PREFIX.equals(prefix) ? name : prefix + "." + name;
    }

    private static void set(Object instance, Field field, String name, UnaryOperator<String> lookup)
            throws IllegalAccessException {
        String value = Optional.ofNullable(lookup.apply(name)).filter(v -> !v.isBlank()).orElse(null);
        ConfigProperty property = field.getAnnotation(ConfigProperty.class);
        if (value == null && property != null && !ConfigProperty.UNCONFIGURED_VALUE.equals(property.defaultValue())) {
            value = property.defaultValue();
        }
        field.setAccessible(true);
        if (field.getType() == Optional.class) {
            if (!(field.getGenericType() instanceof ParameterizedType p) || p.getActualTypeArguments()[0] != String.class) {
                throw new IllegalStateException(field + ": only Optional<String> is read outside CDI");
            }
            field.set(instance, Optional.ofNullable(value));
            return;
        }
        if (value == null) {
            throw new IllegalStateException(name + " (" + SettingNames.environmentName(name) + ") is not set");
        }
        try {
            field.set(instance, convert(field.getType(), field.getType() == String.class ? value : value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SettingNames.environmentName(name) + " must be a whole number, not '"
                    + value + "'", e);
        }
    }

    private static Object convert(Class<?> type, String value) {
        if (type == String.class) {
            return value;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(value);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(value);
        }
        if (type == boolean.class || type == Boolean.class) {
            return TRUE.contains(value.toLowerCase(Locale.ROOT));
        }
        throw new IllegalStateException("no conversion to " + type.getName() + " outside CDI");
    }
}
