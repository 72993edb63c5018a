package io.hireload.auto;

import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * One look of the bucket watch, in one transaction that holds the watch's advisory lock: the
 * instance that takes it lists every table's objects and queues the new or changed ones; the
 * others skip this tick. Departments and jobs are queued before employees.
 */
@ApplicationScoped
public class WatchTick {
    private final AutoQueue queue;
    private final CsvObjects objects;

    @Inject
    public WatchTick(AutoQueue queue, CsvObjects objects) {
        this.queue = queue;
        this.objects = objects;
    }

    /** What one tick queued: the tables of the loads it queued; empty when another instance had the turn. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<TableName> run(int employeesWaitSeconds) {
        if (!queue.tryWatchTurn()) {
            return List.of();
        }
        List<TableName> queued = new ArrayList<>();
        for (TableName table : TableName.values()) {
            int wait = table == TableName.EMPLOYEES ? employeesWaitSeconds : 0;
            queue.queue(table, objects.list(table), "watch", wait).ifPresent(id -> queued.add(table));
        }
        return queued;
    }
}
