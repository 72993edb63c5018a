package io.hireload.admin.loads;

import io.hireload.client.HireloadClient;
import io.hireload.model.IndexMode;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** What the operator loads: one table, or all of them in the server's order. */
public enum LoadTarget {
    ALL_TABLES("All tables", null),
    DEPARTMENTS("Departments", TableName.DEPARTMENTS),
    JOBS("Jobs", TableName.JOBS),
    EMPLOYEES("Employees", TableName.EMPLOYEES);

    private final String label;
    private final TableName table;

    LoadTarget(String label, TableName table) {
        this.label = label;
        this.table = table;
    }

    public Optional<TableName> table() {
        return Optional.ofNullable(table);
    }

    /**
     * The call that starts this target's load or loads, with the form's values taken now (on the FX
     * thread), to run off it. A dry run checks the files loaded already too (force): skipping them,
     * it would check nothing.
     */
    Callable<List<LoadReport>> start(HireloadClient client, int batchSize, boolean dryRun, IndexChoice indexes) {
        IndexMode mode = indexes == null ? null : indexes.mode();
        return () -> table().map(t -> List.of(client.startLoad(t, batchSize, dryRun, dryRun, mode)))
                .orElseGet(() -> client.startLoadAll(batchSize, dryRun, dryRun, mode).loads());
    }

    @Override
    public String toString() {
        return label;
    }
}
