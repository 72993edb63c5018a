package io.hireload.admin.testing;

import io.helidon.microprofile.server.Server;
import io.hireload.embedded.LocalServices;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
            services.settings().forEach(System::setProperty);
            System.setProperty("HIRELOAD_DATA_DIR", dataDir.toString());
            System.setProperty("HIRELOAD_ADMIN_KEY", KEY);
            try {
                Files.writeString(dataDir.resolve("admin.key"), KEY + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The server's own config says port 8080; a free port on loopback never collides with a
            // `make run` on the same machine.
            System.setProperty("server.port", "0");
            System.setProperty("server.host", "127.0.0.1");
            try {
                this.server = Server.builder().host("127.0.0.1").port(0).build().start();
            } catch (RuntimeException | Error e) {
                // Nothing will close what was started if the server does not come up: do it here.
                services.close();
                deleteQuietly(dataDir);
                throw e;
            }
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
