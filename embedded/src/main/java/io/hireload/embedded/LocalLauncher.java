package io.hireload.embedded;

import sun.misc.Signal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code make run}'s entry point: starts the embedded services the environment does not point
 * elsewhere, hands their settings to the server as system properties, then runs the server's own
 * main. The server never depends on this module, so its production image does not carry it.
 *
 * <p>A stop (SIGTERM, or Ctrl-C) runs in order, not as the JVM's shutdown hooks do (all at once,
 * so the database stopped under the loads' last batches): first the server, which lets its batches
 * in flight commit and hands its loads on or marks them, then the embedded S3 and PostgreSQL; then
 * the process exits with status 0. A second signal during the stop ends the process at once.
 */
public final class LocalLauncher {
    private static final Logger LOG = Logger.getLogger(LocalLauncher.class.getName());
    private static final String SERVER_MAIN = "io.helidon.microprofile.cdi.Main";
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private LocalLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String dir = setting("HIRELOAD_DATA_DIR");
        Path dataDir = Path.of(dir == null || dir.isBlank() ? ".hireload" : dir).toAbsolutePath().normalize();
        System.setProperty("HIRELOAD_DATA_DIR", dataDir.toString());
        LocalServices services = LocalServices.start(dataDir, LocalLauncher::setting);
        services.settings().forEach(System::setProperty);
        for (String signal : new String[]{"TERM", "INT"}) {
            Signal.handle(new Signal(signal), received -> stop(services, received.getName()));
        }
        // A stop that is no signal (System.exit elsewhere) still stops the services, if not in order.
        Runtime.getRuntime().addShutdownHook(new Thread(services::close, "hireload-local-services"));
        LOG.info(() -> "starting the server with data under " + dataDir);
        Class.forName(SERVER_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    /** The orderly stop, on a thread of its own (the signal's thread must stay free for a second signal). */
    private static void stop(LocalServices services, String signal) {
        if (!STOPPING.compareAndSet(false, true)) {
            LOG.warning("a second SIG" + signal + " during the stop: ending at once");
            Runtime.getRuntime().halt(1);
        }
        Thread stop = new Thread(() -> {
            LOG.info(() -> "SIG" + signal + ": stopping the server, then the embedded services");
            int status = 0;
            try {
                Method shutdown = Class.forName(SERVER_MAIN).getMethod("shutdown");
                shutdown.invoke(null);
            } catch (InvocationTargetException e) {
                status = 1;
                LOG.log(Level.WARNING, "the server did not stop cleanly: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                status = 1;
                LOG.log(Level.WARNING, "the server did not stop cleanly: " + e, e);
            }
            try {
                services.close();
            } catch (RuntimeException e) {
                status = 1;
                LOG.log(Level.WARNING, "the embedded services did not stop cleanly: " + e, e);
            }
            LOG.info("stopped");
            System.exit(status);
        }, "hireload-local-stop");
        stop.start();
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    }
}
