package io.hireload.bench;

import java.sql.SQLException;
import java.util.List;

/**
 * The employee table's indexes as the migrations left them (name and definition, read from
 * {@code pg_indexes} when the server has migrated a fresh database and nothing has loaded yet), and
 * the check issue 33 asks after every load: each of them present, none more, none invalid
 * ({@code pg_index.indisvalid}). Read through SQL only: the bench knows nothing of how the server
 * sets indexes aside.
 */
record IndexSet(List<String> definitions) {
    private static final String DEFINITIONS = "select indexname || ': ' || indexdef from pg_indexes "
            + "where schemaname = 'public' and tablename = 'employee' order by indexname";
    private static final String INVALID = "select c.relname from pg_index x join pg_class c on c.oid = x.indexrelid "
            + "where x.indrelid = 'public.employee'::regclass and not (x.indisvalid and x.indisready) order by 1";

    static IndexSet of(Reference database) throws SQLException {
        return new IndexSet(database.rows(DEFINITIONS));
    }

    /** Checks that the table has exactly these indexes again, every one valid. */
    void checkBack(Reference database, Results results, String when) throws SQLException {
        List<String> now = database.rows(DEFINITIONS);
        List<String> invalid = database.rows(INVALID);
        boolean same = now.equals(definitions);
        results.check("every index of the migrations present and valid " + when, same && invalid.isEmpty(),
                same ? definitions.size() + " indexes" + (invalid.isEmpty() ? ", all valid" : "; invalid: " + invalid)
                        : "expected " + names(definitions) + ", found " + names(now)
                        + (invalid.isEmpty() ? "" : "; invalid: " + invalid));
    }

    private static List<String> names(List<String> definitions) {
        return definitions.stream().map(d -> d.substring(0, d.indexOf(':'))).toList();
    }
}
