package io.hireload.background;

import jakarta.interceptor.Interceptor;

/**
 * When background work starts, as priorities of observers of {@code @Initialized(ApplicationScoped.class)}.
 * Helidon MP binds the server's port in its own observer of that event at
 * {@code PLATFORM_AFTER + 100} (ServerCdiExtension.startServer); what claims, creates or announces
 * work runs after it, so a server that cannot start (its port taken) never touches a load: its
 * start-up fails before these observers run.
 */
public final class Startup {
    /** Helidon's web server is listening once observers of this priority have run. */
    public static final int SERVER_STARTED = Interceptor.Priority.PLATFORM_AFTER + 100;
    /** The lease heartbeat: this instance says it is alive only once it serves. */
    public static final int LEASES = SERVER_STARTED + 10;
    /** The load workers, which claim work items. */
    public static final int WORKERS = SERVER_STARTED + 20;
    /** LISTEN for work queued by other instances. */
    public static final int SIGNALS = SERVER_STARTED + 30;
    /** Loads that start themselves (the S3 event queue, the bucket watch). */
    public static final int AUTO_LOADS = SERVER_STARTED + 40;

    private Startup() {
    }
}
