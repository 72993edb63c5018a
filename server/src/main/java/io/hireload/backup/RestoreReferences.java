package io.hireload.backup;

import io.hireload.failure.Failure;
import io.hireload.model.BackupInfo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A restore never leaves an employee pointing at nothing: the staged rows are checked against
 * the tables they refer to (or that refer to them) before anything is replaced.
 */
final class RestoreReferences {
    private static final int MAX_IDS_NAMED = 100;

    private RestoreReferences() {
    }

    /** Refuses, as a conflict naming the ids, a restore that would break a foreign key. */
    static void check(Connection c, BackupTable kind, BackupInfo backup) throws SQLException {
        String stage = kind.stageTable();
        switch (kind) {
            case DEPARTMENTS, JOBS -> {
                String column = kind == BackupTable.DEPARTMENTS ? "department_id" : "job_id";
                List<Integer> missing = ids(c, "select distinct e." + column + " from employee e where not exists "
                        + "(select 1 from " + stage + " s where s.id = e." + column + ") order by 1");
                if (!missing.isEmpty()) {
                    throw new Failure.Conflict("conflict", "restoring " + kind.table().path() + " from backup "
                            + backup.id() + " would break employees' " + column + ": employees use " + column + " "
                            + named(missing) + ", which the backup does not have; restore employees first or "
                            + "fix those employees; nothing was changed");
                }
            }
            case EMPLOYEES -> {
                List<Integer> departments = ids(c, "select distinct s.department_id from " + stage + " s where not "
                        + "exists (select 1 from department d where d.id = s.department_id) order by 1");
                List<Integer> jobs = ids(c, "select distinct s.job_id from " + stage + " s where not exists "
                        + "(select 1 from job j where j.id = s.job_id) order by 1");
                if (!departments.isEmpty() || !jobs.isEmpty()) {
                    List<String> problems = new ArrayList<>();
                    if (!departments.isEmpty()) {
                        problems.add("department_id " + named(departments) + " not in departments");
                    }
                    if (!jobs.isEmpty()) {
                        problems.add("job_id " + named(jobs) + " not in jobs");
                    }
                    throw new Failure.Conflict("conflict", "backup " + backup.id() + " has employees with "
                            + String.join(" and ", problems) + "; restore or load those first; nothing was changed");
                }
            }
        }
    }

    private static List<Integer> ids(Connection c, String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql + " limit " + (MAX_IDS_NAMED + 1))) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private static String named(List<Integer> ids) {
        String shown = ids.stream().limit(MAX_IDS_NAMED).map(String::valueOf).collect(Collectors.joining(", "));
        return ids.size() > MAX_IDS_NAMED ? shown + " and more" : shown;
    }
}
