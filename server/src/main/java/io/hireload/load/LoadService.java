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
import io.hireload.web.ApiProblem;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private volatile boolean stopping;

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
            if (ids.size() > 1) {
                runs.markRunning(id);
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
        // Every log line this thread writes for the load carries its id (JSON logs, docs/DEPLOY.md).
        HelidonMdc.set(LogFormat.LOAD_ID, Long.toString(id));
        try {
            LoadSession session = new LoadSession(table, request.batchSize(), request.dryRun(), parallelBatches,
                    batch -> writer.write(id, table, batch, request.dryRun()), compactor, batchWriters);
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
            // The database first: its driver's I/O errors would otherwise read as an S3 read failure.
            ApiProblem problem = e instanceof ApiProblem known ? known : io.hireload.db.DatabaseFailures.describe(e);
            if (problem == null) {
                problem = S3Failures.describe(e, objects.bucket(), current);
            }
            if (problem == null) {
                problem = new ApiProblem(500, "load failed", "load " + id + " of " + table.path() + " failed: "
                        + e.getMessage(), e);
            }
            LOG.log(Level.WARNING, "load " + id + " of " + table.path() + " failed", e);
            // A stopping server aborts its loads (the web server interrupts requests before the
            // beans are destroyed): that is an interruption, not a failure of the load.
            boolean stopped = stopping || jvmStopping();
            try {
                runs.finish(id, stopped ? LoadStatus.INTERRUPTED : LoadStatus.FAILED,
                        stopped ? LoadRuns.STOPPED : problem.getMessage());
            } catch (RuntimeException unrecorded) {
                // The database is still away: the lease expiry marks the load once it is back.
                LOG.log(Level.WARNING, "could not record the failure of load " + id + ": " + unrecorded.getMessage());
            }
            throw problem;
        } finally {
            HelidonMdc.remove(LogFormat.LOAD_ID);
        }
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
            ApiProblem problem = S3Failures.describe(e, objects.bucket(), null);
            throw problem != null ? problem : e;
        }
    }

    /**
     * A stop request (SIGTERM from the orchestrator) aborts the batches in flight, whose
     * transactions roll back whole, and marks this instance's loads interrupted.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        workers.shutdownNow();
        batchWriters.shutdownNow();
        try {
            batchWriters.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            int marked = runs.markOwnInterrupted();
            if (marked > 0) {
                LOG.warning(() -> marked + " running load(s) marked interrupted at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not mark running loads at shutdown; other instances will: " + e.getMessage());
        }
    }

    /** True once the JVM has begun to shut down: it then refuses new shutdown hooks. */
    private static boolean jvmStopping() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static ExecutorService daemons(int threads, String name) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
