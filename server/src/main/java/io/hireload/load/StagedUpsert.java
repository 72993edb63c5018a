package io.hireload.load;

import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.Job;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The bulk path of the S3 loads: a batch's valid rows are streamed with COPY into a temporary
 * staging table, then upserted by id in one set-based statement that reports what it inserted and
 * what it changed. One statement per batch instead of one per row; the SQL names only constants.
 */
final class StagedUpsert {
    private final String stage;
    private final String target;
    private final List<String> columns;

    private final String stageDdl;

    private StagedUpsert(String stage, String target, String stageDdl, List<String> columns) {
        this.stage = stage;
        this.target = target;
        this.stageDdl = stageDdl;
        this.columns = columns;
    }

    static StagedUpsert of(TableName table) {
        return switch (table) {
            case DEPARTMENTS -> new StagedUpsert("stage_department", "department",
                    "id integer, department text", List.of("department"));
            case JOBS -> new StagedUpsert("stage_job", "job", "id integer, job text", List.of("job"));
            case EMPLOYEES -> new StagedUpsert("stage_employee", "employee",
                    "id integer, name text, hire_date timestamptz, department_id integer, job_id integer",
                    List.of("name", "hire_date", "department_id", "job_id"));
        };
    }

    /**
     * A bulk load commits once per batch; waiting for each commit's WAL flush would cost more than
     * the batch itself. A database crash can lose the last few acknowledged batches, but with their
     * counters, so the load's report still matches the tables and a rerun is exact.
     */
    static void relaxCommitWait(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local synchronous_commit = off");
        }
    }

    /** Inserted, updated, unchanged; a dry run classifies the same way and writes nothing. */
    long[] upsert(Connection connection, List<Checked.Valid> valid, boolean dryRun) throws SQLException {
        long[] counts = new long[3];
        if (valid.isEmpty()) {
            return counts;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table if not exists " + stage + " (" + stageDdl
                    + ") on commit delete rows");
        }
        copy(connection, valid);
        String all = "id, " + String.join(", ", columns);
        String mine = tuple("t", columns);
        String theirs = tuple("s", columns);
        String sql = dryRun
                ? "select count(*) filter (where t.id is null), count(*) filter (where t.id is not null and "
                + mine + " is distinct from " + theirs + ") from " + stage + " s left join " + target
                + " t on t.id = s.id"
                : "with up as (insert into " + target + " as t (" + all + ") select " + all + " from " + stage
                + " order by id on conflict (id) do update set " + assignments() + " where " + mine
                + " is distinct from " + tuple("excluded", columns) + " returning (xmax = 0) as inserted) "
                + "select count(*) filter (where inserted), count(*) filter (where not inserted) from up";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            counts[0] = rs.getLong(1);
            counts[1] = rs.getLong(2);
        }
        counts[2] = valid.size() - counts[0] - counts[1];
        return counts;
    }

    private void copy(Connection connection, List<Checked.Valid> valid) throws SQLException {
        StringBuilder csv = new StringBuilder(valid.size() * 64);
        for (Checked.Valid row : valid) {
            switch (row.value()) {
                case Department d -> csv.append(d.id()).append(',').append(quoted(d.department()));
                case Job j -> csv.append(j.id()).append(',').append(quoted(j.job()));
                case Employee e -> csv.append(e.id()).append(',').append(quoted(e.name())).append(',')
                        .append(e.datetime()).append(',').append(e.departmentId()).append(',').append(e.jobId());
                default -> throw new IllegalStateException("not a row of a table: " + row.value());
            }
            csv.append('\n');
        }
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy " + stage + " from stdin (format csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String assignments() {
        StringBuilder set = new StringBuilder();
        for (String column : columns) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = excluded.").append(column);
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

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
