package io.hireload.schema;

import io.hireload.model.TableName;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one definition of each table (SPEC section 2, migration V1): its SQL name, and its columns
 * in CSV order with their CSV name, SQL name and type. The CSV header check, the COPY writer, the
 * staging upsert and the Avro backup all build from it; the entities map the same columns for
 * reads.
 */
public enum TableSchema {
    DEPARTMENTS(TableName.DEPARTMENTS, "department", List.of(
            Column.ID, new Column("department", "department", Type.TEXT))),
    JOBS(TableName.JOBS, "job", List.of(
            Column.ID, new Column("job", "job", Type.TEXT))),
    EMPLOYEES(TableName.EMPLOYEES, "employee", List.of(
            Column.ID,
            new Column("name", "name", Type.TEXT),
            new Column("datetime", "hire_date", Type.INSTANT),
            new Column("department_id", "department_id", Type.INTEGER),
            new Column("job_id", "job_id", Type.INTEGER)));

    /** How a column's values are kept. */
    public enum Type {
        INTEGER("integer"),
        /** Non-blank text of at most 255 code points (the data rules), {@code varchar(255)} in V1. */
        TEXT("text"),
        /** An instant with microsecond precision, PostgreSQL's {@code timestamptz}. */
        INSTANT("timestamptz");

        private final String sql;

        Type(String sql) {
            this.sql = sql;
        }

        /** The SQL type a staging table gives the column. */
        public String sql() {
            return sql;
        }
    }

    /** One column: its name in CSV files and JSON, its name in SQL, its type. */
    public record Column(String csv, String sql, Type type) {
        static final Column ID = new Column("id", "id", Type.INTEGER);
    }

    private final TableName table;
    private final String sqlTable;
    private final List<Column> columns;
    /** Kept: the data rules ask for them once a row. */
    private final List<String> csvNames;

    TableSchema(TableName table, String sqlTable, List<Column> columns) {
        this.table = table;
        this.sqlTable = sqlTable;
        this.columns = columns;
        this.csvNames = columns.stream().map(Column::csv).toList();
    }

    /** The same constant names as {@link TableName}'s. */
    public static TableSchema of(TableName table) {
        return valueOf(table.name());
    }

    public TableName table() {
        return table;
    }

    public String sqlTable() {
        return sqlTable;
    }

    /** Every column, {@code id} first, in CSV order. */
    public List<Column> columns() {
        return columns;
    }

    public List<String> csvNames() {
        return csvNames;
    }

    /** The columns after {@code id}, as SQL names them: what an upsert sets. */
    public List<String> valueColumns() {
        return columns.stream().skip(1).map(Column::sql).toList();
    }

    /** {@code id, name, hire_date, ...}: the SQL column list in CSV order. */
    public String sqlColumnList() {
        return columns.stream().map(Column::sql).collect(Collectors.joining(", "));
    }

    /** {@code id integer, name text, ...}: the columns of a staging table. */
    public String stagingColumns() {
        return columns.stream().map(c -> c.sql() + " " + c.type().sql()).collect(Collectors.joining(", "));
    }
}
