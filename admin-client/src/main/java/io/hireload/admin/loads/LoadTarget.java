package io.hireload.admin.loads;

import io.hireload.model.TableName;

import java.util.Optional;

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

    @Override
    public String toString() {
        return label;
    }
}
