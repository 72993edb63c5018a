package io.hireload.load.write;

import io.hireload.metrics.HireDeltas;
import io.hireload.db.BinaryCopy;
import io.hireload.db.DatabaseFailures;
import io.hireload.schema.TableSchema;
import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.Job;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bulk path of the S3 loads: a batch's new rows are streamed with COPY into the table, its
 * rows with known ids with COPY into a temporary staging table and updated in one set-based
 * statement where they differ. A few statements per batch instead of one per row; the SQL names
 * only constants.
 */
public final class StagedUpsert {
    private static final String REPLICA = "set local session_replication_role = replica";
    private static final String ORIGIN = "set local session_replication_role = origin";

    private final String stage;
    private final String target;
    private final List<String> columns;

    private final String stageDdl;
    /** The target with its columns, as COPY names them. */
    private final String copyTarget;

    private StagedUpsert(String stage, String target, String stageDdl, List<String> columns) {
        this.stage = stage;
        this.target = target;
        this.stageDdl = stageDdl;
        this.columns = columns;
        this.copyTarget = target + " (id, " + String.join(", ", columns) + ")";
    }

    public static StagedUpsert of(TableName table) {
        TableSchema schema = TableSchema.of(table);
        return new StagedUpsert("stage_" + schema.sqlTable(), schema.sqlTable(), schema.stagingColumns(),
                schema.valueColumns());
    }

    /**
     * A bulk load commits once per batch; waiting for each commit's WAL flush would cost more than
     * the batch itself. A database crash can lose the last few acknowledged batches, but with their
     * counters, so the load's report still matches the tables and a rerun is exact.
     */
    public static void relaxCommitWait(Connection connection) throws SQLException {
        execute(connection, "set local synchronous_commit = off");
    }

    /**
     * Inserted, updated, unchanged; a dry run classifies the same way and writes nothing. Rows whose
     * id the table does not have yet (all of them in a first load) are COPYed straight into it,
     * the cheapest way PostgreSQL takes rows. When the table already has one of them (committed by
     * an earlier load, or by another writer since this batch began) the batch is merged instead:
     * staged, then one {@code insert ... on conflict do update} that inserts the new ids and
     * rewrites the ones that differ. That statement waits for another writer's uncommitted row
     * and then updates it, where a plain insert would fail with a unique violation. Both write the
     * rows in id order, so two writers whose ids overlap take their row locks in the same order and
     * cannot deadlock on each other (docs/PERFORMANCE.md, "Writers that meet"). With
     * {@code skipRowTriggers} (employees only) the caller has checked and locked the rows these
     * reference ({@link ReferenceChecks}), and the metrics' deltas of a straight COPY are appended here.
     */
    public long[] upsert(Connection connection, List<Checked.Valid> valid, boolean dryRun, boolean skipRowTriggers)
            throws SQLException {
        long[] counts = new long[3];
        if (valid.isEmpty()) {
            return counts;
        }
        List<Checked.Valid> rows = inIdOrder(valid);
        if (!dryRun) {
            if (insertedAsNew(connection, rows, skipRowTriggers)) {
                counts[0] = rows.size();
            } else {
                merge(connection, rows, counts);
            }
            return counts;
        }
        Set<Integer> existing = existingIds(connection, rows);
        List<Checked.Valid> known = new ArrayList<>(existing.size());
        for (Checked.Valid row : rows) {
            if (existing.contains(row.id())) {
                known.add(row);
            }
        }
        counts[0] = rows.size() - known.size();
        if (!known.isEmpty()) {
            counts[1] = changed(connection, known);
        }
        counts[2] = known.size() - counts[1];
        return counts;
    }

    /** The rows sorted by id (a batch's ids are distinct); a bulk file's batches mostly are already. */
    private static List<Checked.Valid> inIdOrder(List<Checked.Valid> valid) {
        for (int i = 1; i < valid.size(); i++) {
            if (valid.get(i - 1).id() > valid.get(i).id()) {
                List<Checked.Valid> sorted = new ArrayList<>(valid);
                sorted.sort(java.util.Comparator.comparingInt(Checked.Valid::id));
                return sorted;
            }
        }
        return valid;
    }

    /**
     * Stages the rows and merges them into the table in one statement, in id order: inserted
     * (no row had the id), updated (it differed) and, by difference, unchanged. The table's
     * triggers run (foreign keys, the metrics' deltas for inserts and updates alike).
     */
    private void merge(Connection connection, List<Checked.Valid> rows, long[] counts) throws SQLException {
        stage(connection, rows);
        String sql = "with up as (insert into " + target + " as t (id, " + String.join(", ", columns) + ") select id, "
                + String.join(", ", columns) + " from " + stage + " order by id on conflict (id) do update set "
                + assignments("excluded") + " where " + tuple("t", columns) + " is distinct from "
                + tuple("excluded", columns) + " returning (t.xmax = 0) as fresh) "
                + "select count(*) filter (where fresh), count(*) filter (where not fresh) from up";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            counts[0] = rs.getLong(1);
            counts[1] = rs.getLong(2);
        }
        counts[2] = rows.size() - counts[0] - counts[1];
    }

    /**
     * Most batches of a bulk load hold only new ids, and looking them up cost as much as a tenth
     * of the batch: the rows are COPYed as they are, and only when the table already has one of
     * them (a unique violation) is the COPY undone, to a savepoint, and the batch classified.
     */
    private boolean insertedAsNew(Connection connection, List<Checked.Valid> valid, boolean skipRowTriggers)
            throws SQLException {
        // In SQL: the JTA-managed connection refuses JDBC's savepoint calls.
        try {
            insert(connection, valid, skipRowTriggers, "savepoint new_ids", "release savepoint new_ids");
        } catch (SQLException e) {
            if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.UNIQUE_VIOLATION) {
                throw e;
            }
            // Undoes the rows and the setting.
            execute(connection, "rollback to savepoint new_ids");
            return false;
        }
        return true;
    }

    /**
     * COPYs the rows, with {@code before} and {@code after} (or null) around. PostgreSQL decides
     * whether a trigger fires when the row is written, so only this COPY skips the triggers;
     * updates and the rest of the transaction keep them. On failure the transaction (or the
     * caller's savepoint) rolls back, and the local setting with it. Statements go in pairs, one
     * round trip each: a batch's round trips add up.
     */
    private void insert(Connection connection, List<Checked.Valid> rows, boolean skipRowTriggers, String before,
                        String after) throws SQLException {
        String pre = joined(before, skipRowTriggers ? REPLICA : null);
        String post = joined(skipRowTriggers ? ORIGIN : null, after);
        if (!pre.isEmpty()) {
            execute(connection, pre);
        }
        copy(connection, copyTarget, rows);
        if (!post.isEmpty()) {
            execute(connection, post);
        }
        if (skipRowTriggers) {
            HireDeltas.append(connection, rows);
        }
    }

    /**
     * Turns the per-row triggers off ({@code skip}) or on again for the rest of the transaction:
     * replica mode, which only a caller that checked what the triggers would ({@link ReferenceChecks})
     * may use.
     */
    public static void skipTriggers(Connection connection, boolean skip) throws SQLException {
        execute(connection, skip ? REPLICA : ORIGIN);
    }

    private static String joined(String first, String second) {
        return first == null ? (second == null ? "" : second) : second == null ? first : first + "; " + second;
    }

    /**
     * Prepared, though it has no parameter: the driver keeps a prepared statement's parse in its
     * per-connection cache, where a plain {@code Statement} parsed the SQL again on every batch
     * (five times a batch), and its parser was the method the JIT spent longest on in a 2M-row load.
     */
    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private Set<Integer> existingIds(Connection connection, List<Checked.Valid> valid) throws SQLException {
        Set<Integer> found = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("select id from " + target + " where id = any(?)")) {
            query.setArray(1, connection.createArrayOf("integer", valid.stream().map(Checked.Valid::id).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getInt(1));
                }
            }
        }
        return found;
    }

    /** The rows in this session's staging table, emptied at commit. */
    private void stage(Connection connection, List<Checked.Valid> rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table if not exists " + stage + " (" + stageDdl
                    + ") on commit delete rows");
        }
        copy(connection, stage, rows);
    }

    /** Counts the rows that differ from the table's (a dry run's classification; nothing is written). */
    private long changed(Connection connection, List<Checked.Valid> known) throws SQLException {
        stage(connection, known);
        String sql = "select count(*) from " + stage + " s join " + target + " t on t.id = s.id where "
                + tuple("t", columns) + " is distinct from " + tuple("s", columns);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Bytes a row of this table usually takes in binary COPY: the buffer's first size. */
    private static final int ROW_BYTES = 96;

    private void copy(Connection connection, String into, List<Checked.Valid> valid) throws SQLException {
        BinaryCopy rows = new BinaryCopy(connection, into, ROW_BYTES);
        for (Checked.Valid row : valid) {
            switch (row.value()) {
                case Department d -> rows.row(2).int4(d.id()).text(d.department());
                case Job j -> rows.row(2).int4(j.id()).text(j.job());
                case Employee e -> rows.row(5).int4(e.id()).text(e.name()).timestamptz(e.datetime())
                        .int4(e.departmentId()).int4(e.jobId());
                default -> throw new IllegalStateException("not a row of a table: " + row.value());
            }
        }
        rows.finish();
    }

    private String assignments(String from) {
        StringBuilder set = new StringBuilder();
        for (String column : columns) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ").append(from).append('.').append(column);
        }
        return set.toString();
    }

    private static String tuple(String alias, List<String> columns) {
        StringBuilder t = new StringBuilder("(");
        for (String column : columns) {
            t.append(t.length() == 1 ? "" : ", ").append(alias).append('.').append(column);
        }
        return t.append(")").toString();
    }
}
