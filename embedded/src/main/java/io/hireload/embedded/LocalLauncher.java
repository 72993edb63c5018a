package io.hireload.embedded;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * {@code make run}'s entry point: starts the embedded services the environment does not point
 * elsewhere, hands their settings to the server as system properties, then runs the server's own
 * main. The server never depends on this module, so its production image does not carry it.
 */
public final class LocalLauncher {
    private static final Logger LOG = Logger.getLogger(LocalLauncher.class.getName());
    private static final String SERVER_MAIN = "io.helidon.microprofile.cdi.Main";

    private LocalLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String dir = setting("HIRELOAD_DATA_DIR");
        Path dataDir = Path.of(dir == null || dir.isBlank() ? ".hireload" : dir).toAbsolutePath().normalize();
        System.setProperty("HIRELOAD_DATA_DIR", dataDir.toString());
        LocalServices services = LocalServices.start(dataDir, LocalLauncher::setting);
        services.settings().forEach(System::setProperty);
        // Helidon stops on its own shutdown hook; the services are stopped after the JVM's hooks
        // have been asked to run, so the database outlives in-flight requests as long as it can.
        Runtime.getRuntime().addShutdownHook(new Thread(services::close, "hireload-local-services"));
        LOG.info(() -> "starting the server with data under " + dataDir);
        Method main = Class.forName(SERVER_MAIN).getMethod("main", String[].class);
        main.invoke(null, (Object) args);
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    }
}
