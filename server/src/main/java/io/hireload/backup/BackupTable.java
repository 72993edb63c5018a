package io.hireload.backup;

import io.hireload.model.TableName;
import io.hireload.schema.TableSchema;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a backup and a restore need to know of one table: its Avro schema (the data
 * dictionary's columns under their CSV names; {@code datetime} a {@code timestamp-micros} in UTC,
 * which is exactly PostgreSQL's {@code timestamptz} precision), how a database row becomes a
 * record and a record a row, and the SQL of a restore. Every SQL text here is a constant.
 */
public enum BackupTable {
    DEPARTMENTS(TableSchema.DEPARTMENTS, "Department", "one row per department"),
    JOBS(TableSchema.JOBS, "Job", "one row per job"),
    EMPLOYEES(TableSchema.EMPLOYEES, "Employee", "one row per hired employee; datetime is hire_date in UTC");

    /** Avro file metadata key naming the table a file holds. */
    public static final String META_TABLE = "hireload.table";
    public static final String META_CREATED_AT = "hireload.created_at";

    private static final String NAMESPACE = "io.hireload.backup";

    private final TableSchema definition;
    private final TableName table;
    private final String sqlTable;
    private final Schema schema;
    private final String sqlColumns;

    BackupTable(TableSchema definition, String recordName, String doc) {
        this.definition = definition;
        this.table = definition.table();
        this.sqlTable = definition.sqlTable();
        this.sqlColumns = definition.sqlColumnList();
        this.schema = avroSchema(definition, recordName, doc);
    }

    /** The table's columns under their CSV names; an instant is {@code timestamp-micros}, timestamptz's precision. */
    private static Schema avroSchema(TableSchema definition, String recordName, String doc) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(recordName).namespace(NAMESPACE)
                .doc("hireload table " + definition.sqlTable() + ": " + doc).fields();
        for (TableSchema.Column column : definition.columns()) {
            fields = switch (column.type()) {
                case INTEGER -> fields.requiredInt(column.csv());
                case TEXT -> fields.requiredString(column.csv());
                case INSTANT -> fields.name(column.csv())
                        .type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault();
            };
        }
        return fields.endRecord();
    }

    /** The same constant names as {@link TableName}'s. */
    public static BackupTable of(TableName table) {
        return valueOf(table.name());
    }

    public TableName table() {
        return table;
    }

    public Schema schema() {
        return schema;
    }

    /** The whole table in id order, for a cursor. */
    String selectSql() {
        return "select " + sqlColumns + " from " + sqlTable + " order by id";
    }

    /** Copies the current row of {@code rs} (columns of {@link #selectSql()}) into {@code record}. */
    void fill(ResultSet rs, GenericRecord record) throws SQLException {
        List<TableSchema.Column> columns = definition.columns();
        for (int i = 0; i < columns.size(); i++) {
            record.put(i, switch (columns.get(i).type()) {
                case INTEGER -> rs.getInt(i + 1);
                case TEXT -> rs.getString(i + 1);
                case INSTANT -> micros(rs.getObject(i + 1, OffsetDateTime.class).toInstant());
            });
        }
    }

    /** A record's fields as text in CSV column order, for the data rules. */
    List<String> fields(GenericRecord record) {
        List<String> fields = new ArrayList<>(schema.getFields().size());
        for (Schema.Field field : schema.getFields()) {
            Object value = record.get(field.pos());
            if (value == null) {
                fields.add(null);
            } else if (definition.columns().get(field.pos()).type() == TableSchema.Type.INSTANT) {
                fields.add(instant((Long) value).toString());
            } else {
                fields.add(value.toString());
            }
        }
        return fields;
    }

    // ---- restore: a staging table filled from the file, then swapped in under locks ----

    String stageTable() {
        return "restore_" + sqlTable;
    }

    /** A session-private copy of the table's columns and NOT NULLs, gone at commit or rollback. */
    String createStageSql() {
        return "create temp table " + stageTable() + " (like " + sqlTable + ") on commit drop";
    }

    /** The staging table with its columns, as COPY names them (CSV fields in the columns' order). */
    String stageCopyTarget() {
        return stageTable() + " (" + sqlColumns + ")";
    }

    /** Built after the rows are in: fails on an id the file holds twice. */
    String stagePrimaryKeySql() {
        return "alter table " + stageTable() + " add primary key (id)";
    }

    /**
     * Table locks, always taken employee first so restores never deadlock with each other or with
     * loads. Plain reads (ACCESS SHARE) are never blocked: readers keep seeing the old rows until
     * the commit, then the new ones. Writers wait for the commit.
     */
    List<String> lockSql() {
        return switch (this) {
            case DEPARTMENTS -> List.of("lock table employee in share mode", "lock table department in exclusive mode");
            case JOBS -> List.of("lock table employee in share mode", "lock table job in exclusive mode");
            case EMPLOYEES -> List.of("lock table employee in exclusive mode", "lock table department, job in share mode");
        };
    }

    /** Rows the backup does not have. */
    String deleteSql() {
        return "delete from " + sqlTable + " t where not exists (select 1 from " + stageTable() + " s where s.id = t.id)";
    }

    /** Whether the table holds any row: an empty one takes the staged rows as they are. */
    String anyRowSql() {
        return "select exists (select 1 from " + sqlTable + ")";
    }

    /** Every staged row into the (empty, locked) table, without the upsert's conflict checks. */
    String insertAllSql() {
        return "insert into " + sqlTable + " (" + sqlColumns + ") select " + sqlColumns + " from " + stageTable();
    }

    /** Inserts missing rows and rewrites differing ones; answers (inserted, updated). */
    String upsertSql() {
        String[] columns = sqlColumns.split(",\\s*");
        StringBuilder set = new StringBuilder();
        StringBuilder current = new StringBuilder();
        StringBuilder incoming = new StringBuilder();
        for (int i = 1; i < columns.length; i++) {
            String sep = i == 1 ? "" : ", ";
            set.append(sep).append(columns[i]).append(" = excluded.").append(columns[i]);
            current.append(sep).append(sqlTable).append('.').append(columns[i]);
            incoming.append(sep).append("excluded.").append(columns[i]);
        }
        String currentRow = columns.length > 2 ? "(" + current + ")" : current.toString();
        String incomingRow = columns.length > 2 ? "(" + incoming + ")" : incoming.toString();
        return "with up as (insert into " + sqlTable + " (" + sqlColumns + ") select " + sqlColumns + " from "
                + stageTable() + " on conflict (id) do update set " + set + " where " + currentRow
                + " is distinct from " + incomingRow + " returning (xmax = 0) as inserted) "
                + "select count(*) filter (where inserted), count(*) filter (where not inserted) from up";
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
