package io.hireload.support;

import io.hireload.config.DerivedConfigSource;
import io.hireload.config.MapConfigSource;

import java.util.HashMap;
import java.util.Map;

/**
 * The current test class's server settings as a MicroProfile Config source (registered in
 * {@code META-INF/services} of the test classes): {@link EmbeddedServices} fills it before
 * {@code @HelidonTest} starts the server, instead of global system properties. Its ordinal sits
 * above system properties (400) and the environment (300), so the shell the tests run from cannot
 * point them at another database or bucket. Server JVMs started beside the test class get the same
 * settings as their environment ({@link EmbeddedServices#startServer}); they find this source on
 * their classpath too, empty.
 */
public final class TestServerConfig extends MapConfigSource {
    public static final int ORDINAL = 450;
    private static volatile Map<String, String> values = Map.of();

    /**
     * The settings every config built from now on reads, replacing the previous class's. Also the
     * framework properties they imply: {@link DerivedConfigSource} derives from the environment and
     * system properties only (a source cannot read Config), so this source derives from its own
     * settings through the same rule.
     */
    static void use(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(DerivedConfigSource.derive(settings::get));
        all.putAll(settings);
        values = Map.copyOf(all);
    }

    public TestServerConfig() {
        super("hireload-test-class", ORDINAL);
    }

    @Override
    protected Map<String, String> values() {
        return values;
    }
}
