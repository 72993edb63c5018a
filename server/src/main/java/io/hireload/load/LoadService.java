package io.hireload.load;

import io.hireload.load.indexes.Rebuilds;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.CsvObjects.CsvObject;
import io.hireload.failure.Failure;
import io.hireload.s3.S3Failures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads tables from their CSV objects in S3. A call lists each table's objects and records a
 * load of one work item per object; the workers of every instance ({@link LoadWorkers}) claim
 * and write the items, whoever accepted the call. A load of a table waits ({@code queued}) while
 * an earlier load of that table runs, and employees wait for departments and jobs, since they
 * refer to both. A synchronous call answers when its loads have ended, whoever did the work.
 */
@ApplicationScoped
public class LoadService {
    private final CsvObjects objects;
    private final LoadItems items;
    private final LoadRuns runs;
    private final LoadWorkers workers;
    private final Rebuilds rebuilds;

    @Inject
    public LoadService(CsvObjects objects, LoadItems items, LoadRuns runs, LoadWorkers workers, Rebuilds rebuilds) {
        this.objects = objects;
        this.rebuilds = rebuilds;
        this.items = items;
        this.runs = runs;
        this.workers = workers;
    }

    /**
     * Loads {@code tables} (in the order given; employees after departments and jobs).
     * Synchronous requests answer the finished reports; asynchronous ones answer at once with the
     * loads recorded, to be followed under {@code /loads/{id}}.
     */
    public List<LoadReport> load(List<TableName> tables, LoadRequest request) {
        if (workers.stopping()) {
            throw new Failure.Busy("server stopping", "this server is stopping; send the load to another instance", null);
        }
        Map<TableName, List<CsvObject>> files = new LinkedHashMap<>();
        for (TableName table : tables) {
            files.put(table, list(table));
        }
        List<Long> ids = new ArrayList<>();
        for (TableName table : tables) {
            ids.add(items.create(table, request, files.get(table), LoadRuns.OWNER));
        }
        items.promote();
        workers.wake();
        if (!request.async()) {
            awaitEnd(ids);
        }
        return ids.stream().map(id -> runs.report(id).orElseThrow()).toList();
    }

    /**
     * Waits until every load has ended; a failed one answers its problem (as this instance met
     * it, or as the instance that met it recorded it).
     */
    private void awaitEnd(List<Long> ids) {
        while (true) {
            if (workers.stopping()) {
                throw new Failure.Busy("server stopping", "this server is stopping; follow the load at /loads/"
                        + ids.get(0) + " (another instance continues it, or calling again continues it)", null);
            }
            Map<Long, LoadStatus> statuses;
            try {
                statuses = runs.statuses(ids);
            } catch (RuntimeException databaseAway) {
                statuses = Map.of();
            }
            if (statuses.size() == ids.size() && statuses.values().stream()
                    .allMatch(LoadStatus::finished) && !indexesPending(ids)) {
                for (long id : ids) {
                    LoadStatus status = statuses.get(id);
                    if (status == LoadStatus.FAILED) {
                        throw workers.failure(id).orElseGet(() -> recorded(id));
                    }
                    if (status == LoadStatus.INTERRUPTED) {
                        throw new Failure.Busy("server stopping", LoadRuns.STOPPED, null);
                    }
                }
                return;
            }
            try {
                workers.awaitChange(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure.Busy("server stopping", "the server is stopping; follow the load at /loads/"
                        + ids.get(0), e);
            }
        }
    }

    /** A load that ended with its indexes still set aside (it failed) answers once they are back. */
    private boolean indexesPending(List<Long> ids) {
        try {
            return rebuilds.pending(ids);
        } catch (RuntimeException databaseAway) {
            return true;
        }
    }

    /** A load that failed on another instance: its recorded reason (S3 or the database, as a rule). */
    private Failure recorded(long id) {
        String error = runs.report(id).map(LoadReport::error).orElse("load " + id + " failed");
        return new Failure.Unavailable("load failed", error, null);
    }

    private List<CsvObject> list(TableName table) {
        try {
            return objects.list(table);
        } catch (RuntimeException e) {
            Failure problem = S3Failures.describe(e, objects.bucket(), null);
            throw problem != null ? problem : e;
        }
    }
}
