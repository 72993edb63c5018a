package io.hireload.audit;

import java.util.Set;

/**
 * A request's path as the audit trail keeps it: the path itself (ids, tables and file names, no
 * secret travels in a path of this API) and its query with the values of known parameters only;
 * any other parameter keeps its name with its value hidden, since an unknown one may carry a key
 * someone pasted. Bounded to the column's length.
 */
public final class AuditedPath {
    static final int MAX = 2048;
    private static final Set<String> KNOWN = Set.of("dry_run", "async", "batch_size", "force", "load", "table", "page",
            "size", "limit", "year", "delimiter", "actor", "since", "name", "department_id", "job_id", "hired_from",
            "hired_to");

    private AuditedPath() {
    }

    /** @param rawQuery the query as sent (still percent-encoded), or null */
    public static String of(String path, String rawQuery) {
        StringBuilder kept = new StringBuilder(path.isEmpty() ? "/" : path);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            char separator = '?';
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                kept.append(separator).append(KNOWN.contains(name) ? pair : name + "=***");
                separator = '&';
            }
        }
        return kept.length() > MAX ? kept.substring(0, MAX - 1) + "…" : kept.toString();
    }
}
