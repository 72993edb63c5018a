package io.hireload.load;

import io.helidon.logging.common.HelidonMdc;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.rows.CsvRowReader;
import io.hireload.rows.MalformedCsvException;
import io.hireload.rows.SourceRow;
import io.hireload.observe.LogFormat;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.CsvObjects.CsvObject;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.s3.S3Failures;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads tables from their CSV objects in S3. The objects are streamed, never held whole; rows go
 * through the data rules in batches, one transaction each. Departments and jobs load side by
 * side; employees after them, since they refer to both.
 */
@ApplicationScoped
public class LoadService {
    private static final Logger LOG = Logger.getLogger(LoadService.class.getName());

    private final CsvObjects objects;
    private final LoadRuns runs;
    private final BatchWriter writer;
    private final TableLocks locks;
    private final MetricsCompactor compactor;
    private final int parallelBatches;
    /** How long a stop waits for the batches in flight before it marks the loads. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private volatile boolean stopping;
    private final AtomicInteger active = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::endLoads, "hireload-stop-loads");

    private final ExecutorService workers = daemons(4, "hireload-load");
    private final ExecutorService batchWriters = daemons(8, "hireload-batch");

    @Inject
    public LoadService(CsvObjects objects, LoadRuns runs, BatchWriter writer, TableLocks locks,
                       MetricsCompactor compactor,
                       @ConfigProperty(name = "hireload.load.parallel-batches", defaultValue = "3") int parallelBatches) {
        this.parallelBatches = Math.max(1, Math.min(parallelBatches, 8));
        this.objects = objects;
        this.runs = runs;
        this.writer = writer;
        this.locks = locks;
        this.compactor = compactor;
    }

    /**
     * Loads {@code tables} (in the order given, departments and jobs side by side). Synchronous
     * requests answer the finished reports; asynchronous ones answer at once with the loads
     * recorded, to be followed under {@code /loads/{id}}.
     */
    public List<LoadReport> load(List<TableName> tables, LoadRequest request) {
        TableLocks.Held held = locks.lock(tables);
        try {
            return load(tables, request, held);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** Runs with the tables locked; the lock is released when the work ends, here or in the background. */
    private List<LoadReport> load(List<TableName> tables, LoadRequest request, TableLocks.Held held) {
        Map<TableName, List<CsvObject>> files = new LinkedHashMap<>();
        for (TableName table : tables) {
            files.put(table, list(table));
        }
        Map<TableName, Long> ids = new LinkedHashMap<>();
        for (TableName table : tables) {
            boolean waits = table == TableName.EMPLOYEES && tables.size() > 1;
            List<CsvObject> objectsOfTable = files.get(table);
            ids.put(table, runs.create(table, "s3", waits ? LoadStatus.QUEUED : LoadStatus.RUNNING, request.dryRun(),
                    request.batchSize(), objectsOfTable.stream().map(CsvObject::key).toList(),
                    objectsOfTable.stream().mapToLong(CsvObject::size).sum()));
        }
        if (request.async()) {
            workers.submit(() -> {
                try (held) {
                    runAll(files, ids, request);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "background load ended with an error: " + e.getMessage());
                }
            });
        } else {
            try (held) {
                runAll(files, ids, request);
            }
        }
        return ids.values().stream().map(id -> runs.report(id).orElseThrow()).toList();
    }

    private void runAll(Map<TableName, List<CsvObject>> files, Map<TableName, Long> ids, LoadRequest request) {
        List<CompletableFuture<Void>> first = new ArrayList<>();
        for (TableName table : ids.keySet()) {
            if (table != TableName.EMPLOYEES) {
                first.add(CompletableFuture.runAsync(() -> run(ids.get(table), table, files.get(table), request), workers));
            }
        }
        RuntimeException failure = join(first);
        if (ids.containsKey(TableName.EMPLOYEES)) {
            long id = ids.get(TableName.EMPLOYEES);
            if (ids.size() > 1 && (stopping || !runs.markRunning(id))) {
                throw failure != null ? failure : new LoadSession.LoadStopped();
            }
            try {
                run(id, TableName.EMPLOYEES, files.get(TableName.EMPLOYEES), request);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException join(List<CompletableFuture<Void>> futures) {
        RuntimeException failure = null;
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        return failure;
    }

    private void run(long id, TableName table, List<CsvObject> files, LoadRequest request) {
        String current = null;
        LoadSession session = new LoadSession(table, request.batchSize(), request.dryRun(), parallelBatches,
                batch -> writer.write(id, table, batch, request.dryRun()), compactor, batchWriters, () -> stopping);
        active.incrementAndGet();
        // Every log line this thread writes for the load carries its id (JSON logs, docs/DEPLOY.md).
        HelidonMdc.set(LogFormat.LOAD_ID, Long.toString(id));
        try {
            long base = 0;
            for (CsvObject file : files) {
                current = file.key();
                session.startSource();
                readInto(session, file, base, request.delimiter());
                base += file.size();
                session.bytesDone(base);
            }
            session.finish(false);
            if (table == TableName.EMPLOYEES && !request.dryRun()) {
                compactor.now();
            }
            runs.finish(id, LoadStatus.SUCCEEDED, null);
        } catch (RuntimeException e) {
            // The report is written once no batch of this load is in flight, so it matches the tables.
            session.settle();
            throw ended(id, table, current, e);
        } finally {
            active.decrementAndGet();
            HelidonMdc.remove(LogFormat.LOAD_ID);
        }
    }

    /** Records how a load ended early and answers the problem to report. */
    private Failure ended(long id, TableName table, String current, RuntimeException e) {
        // A stopping server ends its loads: that is an interruption, not a failure of the load.
        boolean stopped = stopping || e instanceof LoadSession.LoadStopped || Thread.currentThread().isInterrupted();
        // The database first: its driver's I/O errors would otherwise read as an S3 read failure.
        Failure problem = e instanceof Failure known ? known : DatabaseFailures.describe(e);
        if (problem == null) {
            problem = S3Failures.describe(e, objects.bucket(), current);
        }
        if (stopped) {
            problem = new Failure.Busy("server stopping", LoadRuns.STOPPED, e);
        } else if (problem == null) {
            problem = new Failure.Internal("load failed", "load " + id + " of " + table.path() + " failed on the "
                    + "server's side; the batches before it are kept; the server's log has details; run the load "
                    + "again to finish it", e);
        }
        LOG.log(stopped ? Level.INFO : Level.WARNING, "load " + id + " of " + table.path()
                + (stopped ? " interrupted by the server's stop" : " failed"), stopped ? null : e);
        try {
            runs.finish(id, stopped ? LoadStatus.INTERRUPTED : LoadStatus.FAILED,
                    stopped ? LoadRuns.STOPPED : problem.getMessage());
        } catch (RuntimeException unrecorded) {
            // The database is still away: the lease expiry marks the load once it is back.
            LOG.log(Level.WARNING, "could not record the end of load " + id + ": " + unrecorded.getMessage());
        }
        return problem;
    }

    private void readInto(LoadSession session, CsvObject file, long base, Character delimiter) {
        try (CountingInputStream in = new CountingInputStream(objects.open(file.key()));
             CsvRowReader reader = new CsvRowReader(in, file.key(), delimiter)) {
            while (true) {
                SourceRow row;
                try {
                    row = reader.next();
                } catch (MalformedCsvException e) {
                    session.reject(e.row(), e.getMessage());
                    return;
                }
                if (row == null) {
                    return;
                }
                session.bytesDone(base + in.count());
                session.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.key() + ": " + e.getMessage(), e);
        }
    }

    private List<CsvObject> list(TableName table) {
        try {
            return objects.list(table);
        } catch (RuntimeException e) {
            Failure problem = S3Failures.describe(e, objects.bucket(), null);
            throw problem != null ? problem : e;
        }
    }

    /**
     * A stop (SIGTERM from the orchestrator, or the container closing) ends this instance's loads
     * while everything they need is still open: CDI destroys beans in no defined order, so a
     * {@code @PreDestroy} here could find the connection pool already closed. This observer runs
     * before the web server stops (it observes the same event at priority 0) and before any bean
     * is destroyed.
     */
    void beforeStop(@Observes @Priority(-100) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        endLoads();
    }

    /**
     * Helidon registers its container's shutdown only once start-up has finished, a moment after
     * the server already answers; a SIGTERM in between would stop the JVM without any CDI event.
     * This hook covers that moment. When both run, the second waits for the first (the method is
     * synchronized), so the pool is never closed while loads are being marked.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * No new batch starts; the batches in flight commit (each is one short transaction), bounded
     * by {@link #STOP_WAIT}; then every load of this instance still running or queued is marked
     * interrupted, with why. Runs once.
     */
    private synchronized void endLoads() {
        if (stopping) {
            return;
        }
        stopping = true;
        LOG.info(() -> "stopping: ending this instance's loads (" + active.get() + " writing)");
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            while (active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (active.get() > 0) {
            LOG.warning(() -> active.get() + " load(s) still writing after " + STOP_WAIT.toSeconds()
                    + " s of the stop; marking them interrupted");
        }
        try {
            int marked = runs.markOwnInterrupted();
            if (marked > 0) {
                LOG.warning(() -> marked + " load(s) marked interrupted at shutdown");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not mark running loads at shutdown; their lease expiry will: "
                    + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmStopping) {
            // the hook is running or has run
        }
        workers.shutdownNow();
        batchWriters.shutdownNow();
    }

    private static ExecutorService daemons(int threads, String name) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
