package io.hireload.load.write;

import io.hireload.model.Employee;
import io.hireload.rows.Checked;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A batch's employees checked against the departments and jobs in the database: one round trip
 * for the batch, the ids as sorted ints (boxing them in sets was a tenth of a batch's JVM time).
 *
 * <p>The loops over the rows and the driver's call are separate methods on purpose: as one method
 * the JIT compiled the loops together with all of the driver's query path inlined, four times
 * over as the rows' profile changed (1.6 s of the C2 compiler's time in a 2M-row load, JFR). Now
 * the loops compile alone and small, and the once-a-batch method that calls the driver never
 * becomes hot enough for C2.
 */
public final class KnownReferences {
    private static final String FIND = """
            with d as (select id from department where id = any(?)),
                 j as (select id from job where id = any(?))
            select 0, id from d union all select 1, id from j""";
    /** The lock PostgreSQL's own foreign-key check takes, so a row found stays until commit. */
    private static final String FIND_LOCKED = """
            with d as (select id from department where id = any(?) order by id for key share),
                 j as (select id from job where id = any(?) order by id for key share)
            select 0, id from d union all select 1, id from j""";

    private KnownReferences() {
    }

    /**
     * The rows with employees whose department or job is not in the database rejected, in source
     * order. When {@code lock}, the ids found stay locked until commit, as the foreign-key
     * triggers would lock them.
     */
    public static List<Checked> check(Connection c, List<Checked> rows, boolean lock) throws SQLException {
        int[][] referenced = referenced(rows);
        if (referenced[0].length == 0) {
            return rows;
        }
        int[][] found = find(c, referenced[0], referenced[1], lock);
        return rejectUnknown(rows, found[0], found[1]);
    }

    /** The departments and the jobs the valid employees name, each sorted and once. */
    private static int[][] referenced(List<Checked> rows) {
        int[] departmentIds = new int[rows.size()];
        int[] jobIds = new int[rows.size()];
        int n = 0;
        for (Checked row : rows) {
            if (row instanceof Checked.Valid v && v.value() instanceof Employee e) {
                departmentIds[n] = e.departmentId();
                jobIds[n++] = e.jobId();
            }
        }
        return new int[][]{distinct(departmentIds, n), distinct(jobIds, n)};
    }

    private static List<Checked> rejectUnknown(List<Checked> rows, int[] departmentIds, int[] jobIds) {
        BitSet departments = asBits(departmentIds);
        BitSet jobs = asBits(jobIds);
        List<Checked> checked = new ArrayList<>(rows.size());
        for (Checked row : rows) {
            if (row instanceof Checked.Valid v && v.value() instanceof Employee e) {
                boolean department = contains(departments, departmentIds, e.departmentId());
                boolean job = contains(jobs, jobIds, e.jobId());
                if (!(department && job)) {
                    checked.add(unknown(row, e, department, job));
                    continue;
                }
            }
            checked.add(row);
        }
        return checked;
    }

    private static Checked.Rejected unknown(Checked row, Employee e, boolean department, boolean job) {
        List<String> problems = new ArrayList<>(2);
        if (!department) {
            problems.add("unknown department_id " + e.departmentId());
        }
        if (!job) {
            problems.add("unknown job_id " + e.jobId());
        }
        return new Checked.Rejected(row.source(), String.join("; ", problems));
    }

    /**
     * Ids below this are looked up in a bit set, the rest by binary search. Departments and jobs
     * number in the hundreds, so a batch's lookups are two array reads a row: far less work than
     * two searches while the JIT has not compiled the loop yet, which is most of a first load.
     */
    private static final int SMALL_IDS = 1 << 16;

    /** The sorted ids as a bit set when they are all small, else null. */
    private static BitSet asBits(int[] sorted) {
        if (sorted.length == 0 || sorted[0] < 0 || sorted[sorted.length - 1] >= SMALL_IDS) {
            return null;
        }
        BitSet bits = new BitSet(sorted[sorted.length - 1] + 1);
        for (int id : sorted) {
            bits.set(id);
        }
        return bits;
    }

    private static boolean contains(BitSet bits, int[] sorted, int id) {
        return bits != null ? id >= 0 && id < SMALL_IDS && bits.get(id) : Arrays.binarySearch(sorted, id) >= 0;
    }

    /** The first {@code n} of {@code ids}, sorted, each once: through a bit set when they are all small. */
    private static int[] distinct(int[] ids, int n) {
        BitSet small = new BitSet();
        for (int i = 0; i < n; i++) {
            if (ids[i] < 0 || ids[i] >= SMALL_IDS) {
                return distinctBySorting(ids, n);
            }
            small.set(ids[i]);
        }
        int[] sorted = new int[small.cardinality()];
        int k = 0;
        for (int id = small.nextSetBit(0); id >= 0; id = small.nextSetBit(id + 1)) {
            sorted[k++] = id;
        }
        return sorted;
    }

    private static int[] distinctBySorting(int[] ids, int n) {
        int[] sorted = Arrays.copyOf(ids, n);
        Arrays.sort(sorted);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (kept == 0 || sorted[kept - 1] != sorted[i]) {
                sorted[kept++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, kept);
    }

    /**
     * Which of the departments and jobs exist, as two sorted arrays: one round trip, the ids as
     * array parameters, sorted so two batches take their row locks in the same order.
     */
    private static int[][] find(Connection c, int[] departmentIds, int[] jobIds, boolean lock) throws SQLException {
        int[][] found = {new int[departmentIds.length], new int[jobIds.length]};
        int[] counts = new int[2];
        try (PreparedStatement query = c.prepareStatement(lock ? FIND_LOCKED : FIND)) {
            query.setObject(1, departmentIds);
            query.setObject(2, jobIds);
            try (ResultSet rs = query.executeQuery()) {
                read(rs, found, counts);
            }
        }
        // In id order already (the query sorts each); sorted again so the search never depends on a plan.
        int[][] sorted = {Arrays.copyOf(found[0], counts[0]), Arrays.copyOf(found[1], counts[1])};
        Arrays.sort(sorted[0]);
        Arrays.sort(sorted[1]);
        return sorted;
    }

    /** The loop apart from the query's method, which thus stays too cold for C2 (above). */
    private static void read(ResultSet rs, int[][] found, int[] counts) throws SQLException {
        while (rs.next()) {
            int which = rs.getInt(1);
            found[which][counts[which]++] = rs.getInt(2);
        }
    }
}
