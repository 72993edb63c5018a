package io.hireload.load.api;

import io.hireload.load.engine.LoadOutcomes;
import io.hireload.load.engine.LoadWorkers;
import io.hireload.load.queue.LoadCancels;
import io.hireload.load.queue.LoadItems;
import io.hireload.load.queue.LoadPromotion;
import io.hireload.load.queue.LoadRequest;
import io.hireload.load.queue.LoadRuns;
import io.hireload.load.indexes.Rebuilds;
import io.hireload.model.ApiPaths;
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
import java.util.Optional;

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
    private final LoadPromotion promotion;
    private final LoadCancels cancels;
    private final LoadRuns runs;
    private final LoadWorkers workers;
    private final LoadOutcomes outcomes;
    private final Rebuilds rebuilds;

    @Inject
    public LoadService(CsvObjects objects, LoadItems items, LoadPromotion promotion, LoadCancels cancels, LoadRuns runs,
                       LoadWorkers workers, LoadOutcomes outcomes, Rebuilds rebuilds) {
        this.outcomes = outcomes;
        this.objects = objects;
        this.promotion = promotion;
        this.cancels = cancels;
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
        promotion.promote();
        workers.wake();
        if (!request.async()) {
            awaitEnd(ids);
        }
        return ids.stream().map(id -> runs.report(id).orElseThrow()).toList();
    }

    /**
     * Cancels a queued or running load, whichever instance accepted or works it: a queued one ends
     * {@code cancelled} at once; a running one stops on every instance after its batches in flight
     * (they commit), starts nothing new, and ends {@code cancelled} once they have, within a second
     * or two. Answers the load's report as the cancel left it.
     */
    public LoadReport cancel(long loadId) {
        LoadCancels.Cancel cancel = cancels.cancel(loadId);
        switch (cancel.outcome()) {
            case UNKNOWN -> throw new Failure.NotFound("no load " + loadId);
            case ENDED -> throw new Failure.Conflict("load ended", "load " + loadId + " has already ended ("
                    + cancel.found().wire() + "); only a queued or running load can be cancelled");
            case ALREADY_CANCELLING -> throw new Failure.Conflict("load being cancelled", "load " + loadId
                    + " is being cancelled already; it ends cancelled once its batches in flight have committed");
            case CANCELLED, CANCELLING -> workers.cancel(loadId);
        }
        return runs.report(loadId).orElseThrow(() -> new Failure.NotFound("no load " + loadId));
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
            for (long id : ids) {
                // This instance met an outage or contention on the load: it goes on by itself, and
                // the caller hears so now rather than waiting out the outage.
                Optional<Failure> interrupted = outcomes.interruption(id);
                if (interrupted.isPresent()) {
                    throw interrupted(id, interrupted.get());
                }
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
                        throw outcomes.failure(id).orElseGet(() -> recorded(id));
                    }
                    if (status == LoadStatus.INTERRUPTED) {
                        throw new Failure.Busy("server stopping", LoadRuns.STOPPED, null);
                    }
                }
                return;
            }
            try {
                outcomes.awaitChange(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure.Busy("server stopping", "the server is stopping; follow the load at /loads/"
                        + ids.get(0), e);
            }
        }
    }

    /** A load stopped for a passing reason, as its synchronous caller hears it: 503, and where to follow it. */
    private static Failure interrupted(long id, Failure why) {
        String detail = (why instanceof Failure.Busy
                ? "other writers to the same ids kept meeting load " + id
                : "the database went away during load " + id)
                + "; its committed batches are kept and it continues by itself from there; follow it at "
                + ApiPaths.LOADS + "/" + id;
        return why instanceof Failure.Busy ? new Failure.Busy("busy", detail, null)
                : new Failure.Unavailable("database unavailable", detail, null);
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
            throw S3Failures.toThrow(e, objects.bucket(), null);
        }
    }
}
