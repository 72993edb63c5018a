package io.hireload.metrics;

import io.hireload.metrics.HireQuarter;
import io.hireload.model.Employee;
import io.hireload.rows.Checked;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics summary's deltas for employees COPYed while the table's triggers are skipped
 * (replica mode, see {@code load.write.ReferenceChecks}): the same per-(department, job, UTC year, quarter)
 * counts the insert trigger (migrations V11, V14) would append, computed from the rows in hand and
 * appended in the same transaction, so the metrics stay exact. Measured on 1M rows in 1000-row
 * batches, the trigger's grouping query cost a third of the database's time; one row of arrays
 * per batch (migration V12) instead of one row per group spares the compactor most of its work.
 */
public final class HireDeltas {
    private static final String APPEND = "insert into hires_delta_batch (department_id, job_id, year, quarter, hired) "
            + "values (?, ?, ?, ?, ?)";

    private HireDeltas() {
    }

    /**
     * Written out: a record's generated equals and hashCode go through method handles, which cost
     * far more than these lines until the JIT has compiled them, and a first load runs them a few
     * million times before it has.
     */
    private record Key(int departmentId, int jobId, int year, int quarter) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.departmentId == departmentId && k.jobId == jobId && k.year == year
                    && k.quarter == quarter;
        }

        @Override
        public int hashCode() {
            return ((departmentId * 31 + jobId) * 31 + year) * 31 + quarter;
        }
    }

    /**
     * One row of arrays for the batch's groups. The counts are kept in place and the arrays are
     * primitive: boxing every group's values and counts showed in a batch's profile. The loops
     * are in {@link Groups#of}, apart from the driver's call, so the JIT compiles them small
     * instead of together with the driver's whole insert path (JFR: 0.7 s of C2's time in a 2M-row
     * load, three times over).
     */
    public static void append(Connection connection, List<Checked.Valid> inserted) throws SQLException {
        Groups groups = Groups.of(inserted);
        if (groups.departments.length == 0) {
            return;
        }
        try (PreparedStatement append = connection.prepareStatement(APPEND)) {
            append.setObject(1, groups.departments);
            append.setObject(2, groups.jobs);
            append.setObject(3, groups.years);
            append.setObject(4, groups.quarters);
            append.setObject(5, groups.hired);
            append.executeUpdate();
        }
    }

    /** A batch's hires counted by (department, job, year, quarter), as the five columns' arrays. */
    private record Groups(int[] departments, int[] jobs, int[] years, short[] quarters, long[] hired) {
        static Groups of(List<Checked.Valid> inserted) {
            Map<Key, long[]> counts = new HashMap<>(256);
            for (Checked.Valid row : inserted) {
                Employee e = (Employee) row.value();
                HireQuarter when = HireQuarter.of(e.datetime());
                counts.computeIfAbsent(new Key(e.departmentId(), e.jobId(), when.year(), when.quarter()),
                        k -> new long[1])[0]++;
            }
            int n = counts.size();
            Groups groups = new Groups(new int[n], new int[n], new int[n], new short[n], new long[n]);
            int i = 0;
            for (Map.Entry<Key, long[]> group : counts.entrySet()) {
                Key k = group.getKey();
                groups.departments[i] = k.departmentId;
                groups.jobs[i] = k.jobId;
                groups.years[i] = k.year;
                groups.quarters[i] = (short) k.quarter;
                groups.hired[i++] = group.getValue()[0];
            }
            return groups;
        }
    }
}
