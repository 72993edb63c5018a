package io.hireload.admin.testing;

import io.helidon.microprofile.server.Server;
import io.hireload.config.DerivedConfigSource;
import io.hireload.config.MapConfigSource;
import io.hireload.embedded.LocalServices;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real hireload server on the embedded defaults (PostgreSQL and S3 on loopback, the bucket
 * seeded with the sample CSVs), started once per test JVM and stopped when JUnit finishes. The
 * admin client under test reaches it only over HTTP, as it would in production.
 */
public final class RealServer implements BeforeAllCallback {
    public static final String KEY = "admin-client-test-key";
    private static Instance running;

    /** Registered on a test class: starts the server the first time, closed with the JUnit root store. */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RealServer.class, type -> instance(), Instance.class);
    }

    private static synchronized Instance instance() {
        if (running == null) {
            try {
                running = new Instance(Files.createTempDirectory("hireload-admin-test"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    public static String url() {
        return "http://127.0.0.1:" + instance().server.port();
    }

    /** HIRELOAD_DATA_DIR of the server; its admin.key holds {@link #KEY}. */
    public static Path dataDir() {
        return instance().dataDir;
    }

    /** The embedded PostgreSQL leaves its files behind; a test run should not fill /tmp. */
    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp directory is not worth failing the build for
        }
    }

    private static final class Instance implements ExtensionContext.Store.CloseableResource {
        private final Path dataDir;
        private final LocalServices services;
        private final Server server;

        Instance(Path dataDir) {
            this.dataDir = dataDir;
            this.services = LocalServices.start(dataDir, name -> null);
            try {
                Files.writeString(dataDir.resolve("admin.key"), KEY + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                this.server = Server.builder().config(config(services, dataDir)).host("127.0.0.1").port(0).build().start();
            } catch (RuntimeException | Error e) {
                // Nothing will close what was started if the server does not come up: do it here.
                services.close();
                deleteQuietly(dataDir);
                throw e;
            }
        }

        /**
         * The server's configuration: its own sources (microprofile-config.properties, the
         * environment, ...) under one of this JVM's settings, never global system properties. The
         * pool's properties are derived from DATABASE_URL by the server's own rule, since its
         * derived source reads only the environment and system properties. The server's config
         * says port 8080; a free port on loopback never collides with a `make run` beside it.
         */
        private static Config config(LocalServices services, Path dataDir) {
            Map<String, String> settings = new HashMap<>(services.settings());
            settings.put("HIRELOAD_DATA_DIR", dataDir.toString());
            settings.put("HIRELOAD_ADMIN_KEY", KEY);
            settings.putAll(DerivedConfigSource.derive(settings::get));
            settings.put("server.port", "0");
            settings.put("server.host", "127.0.0.1");
            // Above the environment (300) and system properties (400), as the server's own tests' source;
            // a MapConfigSource answers a setting under its environment name too, as the environment does.
            Map<String, String> values = Map.copyOf(settings);
            MapConfigSource source = new MapConfigSource("admin-client-tests", 450) {
                @Override
                protected Map<String, String> values() {
                    return values;
                }
            };
            return ConfigProviderResolver.instance().getBuilder().addDefaultSources().addDiscoveredSources()
                    .addDiscoveredConverters().withSources(source).build();
        }

        @Override
        public void close() {
            try {
                server.stop();
            } finally {
                services.close();
                deleteQuietly(dataDir);
            }
        }
    }
}
