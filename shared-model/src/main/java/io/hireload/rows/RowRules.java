package io.hireload.rows;

import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.Job;
import io.hireload.model.TableName;

import java.time.Instant;
import java.util.List;

/**
 * The data rules of SPEC section 2 for one row, whatever it came from (an S3 file, a CSV body,
 * a JSON array, a row an operator edits in the admin client). Rules that need the database (that a
 * department_id exists) and the load (that an id was not seen before) are checked where those are
 * known: the server's staged upsert and {@link DuplicateIds}.
 */
public final class RowRules {
    /** The {@code file} of a row checked on its own, outside any load. */
    private static final String EDITED = "edited row";

    private RowRules() {
    }

    public static Checked check(TableName table, SourceRow row) {
        List<String> columns = Columns.of(table);
        if (row.problem() != null) {
            return new Checked.Rejected(row, row.problem());
        }
        List<String> fields = row.fields();
        if (fields.size() != columns.size()) {
            return new Checked.Rejected(row, "expected " + columns.size() + " fields (" + String.join(",", columns)
                    + "), found " + fields.size());
        }
        FieldProblems problems = new FieldProblems();
        boolean csv = !SourceRow.JSON_BODY.equals(row.file());
        int id = problems.positiveInteger("id", fields.get(0));
        Object value = switch (table) {
            case DEPARTMENTS -> new Department(id, problems.text("department", fields.get(1), csv));
            case JOBS -> new Job(id, problems.text("job", fields.get(1), csv));
            case EMPLOYEES -> employee(id, fields, problems, csv);
        };
        return problems.any() ? new Checked.Rejected(row, problems.reason()) : new Checked.Valid(row, id, value);
    }

    /**
     * What is wrong with a row of CSV fields, {@code ; }-separated, or null when it keeps the rules:
     * the admin client checks an operator's edit with it while they type.
     */
    public static String reason(TableName table, List<String> fields) {
        return check(table, new SourceRow(EDITED, 0, null, fields)) instanceof Checked.Rejected rejected
                ? rejected.reason() : null;
    }

    private static Employee employee(int id, List<String> fields, FieldProblems problems, boolean csv) {
        String name = problems.text("name", fields.get(1), csv);
        Instant datetime = problems.instant("datetime", fields.get(2));
        int departmentId = problems.positiveInteger("department_id", fields.get(3));
        int jobId = problems.positiveInteger("job_id", fields.get(4));
        return new Employee(id, name, datetime, departmentId, jobId);
    }
}
