package io.hireload.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one naming rule of the settings. Every setting has one name, a property name in lower case
 * with dots between its groups and dashes between words ({@code hireload.db.lock-timeout-seconds},
 * {@code s3.bucket}); its environment variable is MicroProfile Config's mapping of that name: every
 * character that is not a letter or digit becomes {@code _}, then upper case
 * ({@code HIRELOAD_DB_LOCK_TIMEOUT_SECONDS}, {@code S3_BUCKET}). Either name works as a system
 * property ({@link EnvironmentNamedProperties}) and in this project's own config sources
 * ({@link MapConfigSource}).
 */
public final class SettingNames {
    private SettingNames() {
    }

    /** The environment variable of a property: {@code hireload.load.workers} is {@code HIRELOAD_LOAD_WORKERS}. */
    public static String environmentName(String property) {
        return sanitized(property).toUpperCase(Locale.ROOT);
    }

    /**
     * The names under which a source that is not the environment may hold a property, in the order
     * MicroProfile Config's environment source tries them: as written, with {@code _} for every
     * other character, and that in upper case.
     */
    static List<String> candidates(String property) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(property);
        names.add(sanitized(property));
        names.add(environmentName(property));
        return List.copyOf(names);
    }

    /** A lookup over values held under either name of a setting (a test class's settings, say). */
    public static UnaryOperator<String> byEitherName(Map<String, String> values) {
        return byEitherName(values::get);
    }

    /** {@code lookup} asked for a property under each of its names until one answers. */
    static UnaryOperator<String> byEitherName(UnaryOperator<String> lookup) {
        return property -> {
            for (String name : candidates(property)) {
                String value = lookup.apply(name);
                if (value != null) {
                    return value;
                }
            }
            return null;
        };
    }

    private static String sanitized(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            name.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        return name.toString();
    }
}
