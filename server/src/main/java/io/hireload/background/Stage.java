package io.hireload.background;

import java.util.List;

/**
 * The server's background work, in the order it starts; {@link #STOP_ORDER} is the order it stops
 * in. A class takes part by implementing {@link Part} and naming its stage with {@link InStage};
 * {@link Lifecycle} alone starts and stops the stages, and {@link Background} alone makes their
 * threads, each stopped with the stage it names.
 *
 * <p>The first stages start while CDI starts, before Helidon binds the port: the schema comes
 * before anything touches a table. The others start only once the server listens, so a server
 * whose port is taken never claims, writes or announces work ({@link #afterThePort()}).
 */
public enum Stage {
    /** Flyway brings the schema up to date, or retries in the background while the database is away (db/SchemaMigrator). */
    SCHEMA,
    /** The admin key file is made (the admin client reads it before any request); the named keys LISTEN for revocations (security/). */
    KEYS,
    /** The load counters are registered at zero, so an alarm over them has a series before the first load (observe/ServerMetrics). */
    COUNTERS,
    /** Set-aside indexes that no load needs aside any more are built again, from the start and then every beat (load/indexes). */
    INDEX_SWEEP,
    /** The lease heartbeat: this instance says it is alive only once it serves (load/queue/lease/LoadLeases). */
    LEASES,
    /** The load workers, which claim work items (load/engine/LoadWorkers). */
    WORKERS,
    /** LISTEN for work queued and loads cancelled by any instance (load/queue/LoadSignals). */
    SIGNALS,
    /** Loads that start themselves: the S3 event queue and the bucket watch (auto/). */
    AUTO_LOADS,
    /** Timers that keep things tidy: the metrics' deltas folded, the audit trail trimmed. */
    HOUSEKEEPING,
    /**
     * Nothing starts here: the pools that do a request's or a worker's work on other threads (batch
     * writers, backup compressors, index builders, the audit writer), stopped last, once the web
     * server has stopped.
     */
    REQUESTS;

    /**
     * The stop, written once: take no new work; stop the workers (no new batch, the batches in
     * flight commit, this instance's objects handed on or their loads ended {@code interrupted});
     * stop the timers; close the LISTEN sessions (before the database may stop). All of it before
     * the web server stops ({@link #COUNTERS} has nothing to stop); {@link #REQUESTS} only after it.
     */
    public static final List<Stage> STOP_ORDER = List.of(
            AUTO_LOADS,
            WORKERS,
            HOUSEKEEPING, LEASES, INDEX_SWEEP, SCHEMA,
            SIGNALS, KEYS,
            COUNTERS,
            REQUESTS);

    /** Whether this stage waits for the server to listen. */
    public boolean afterThePort() {
        return compareTo(LEASES) >= 0;
    }
}
