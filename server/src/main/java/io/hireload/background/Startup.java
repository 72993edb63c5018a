package io.hireload.background;

import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.util.logging.Logger;

/**
 * Starts background work (load workers, lease heartbeats, LISTEN, loads that start themselves)
 * only once the server listens, by firing {@link ServerReady}, whose observers are ordered by the
 * priorities here. Helidon MP binds the port in its own observer of
 * {@code @Initialized(ApplicationScoped.class)} at {@code PLATFORM_AFTER + 100}; when the bind
 * fails (the port taken) Helidon 4.2.0 logs it and goes on starting with port -1 until it shuts
 * the JVM down, so the port is checked here: such a server never claims, writes or announces work.
 */
@ApplicationScoped
public class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class.getName());
    /** Just after Helidon's web server start (ServerCdiExtension.startServer). */
    static final int SERVER_STARTED = Interceptor.Priority.PLATFORM_AFTER + 101;
    /** The lease heartbeat: this instance says it is alive only once it serves. */
    public static final int LEASES = 10;
    /** The load workers, which claim work items. */
    public static final int WORKERS = 20;
    /** LISTEN for work queued by other instances. */
    public static final int SIGNALS = 30;
    /** Loads that start themselves (the S3 event queue, the bucket watch). */
    public static final int AUTO_LOADS = 40;

    private final Event<ServerReady> ready;

    @Inject
    public Startup(Event<ServerReady> ready) {
        this.ready = ready;
    }

    void afterServerStart(@Observes @Priority(SERVER_STARTED) @Initialized(ApplicationScoped.class) Object event,
                          ServerCdiExtension server) {
        if (!server.started() || server.port() <= 0) {
            LOG.severe("the server is not listening (its port may be taken): no load work starts on this instance");
            return;
        }
        ready.fire(new ServerReady(server.port()));
    }

    /** The server listens on {@code port}: background work may start. */
    public record ServerReady(int port) {
    }
}
