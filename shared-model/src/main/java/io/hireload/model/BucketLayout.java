package io.hireload.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which S3 keys hold which table's CSV files (SPEC section 3, "S3 layout"), under a bucket prefix
 * ({@code S3_PREFIX}: empty, or ending with {@code /}): one folder per table, the seed's folders
 * named after its model classes, and the seed's flat file names at the root (plain or
 * {@code .gz}). The listing of a table and the mapping of one announced key (an S3 event) read
 * the same rules from here.
 */
public record BucketLayout(String prefix) {
    private static final Map<TableName, List<String>> FOLDERS = Map.of(
            TableName.DEPARTMENTS, List.of("departments/", "Department/"),
            TableName.JOBS, List.of("jobs/", "Job/"),
            TableName.EMPLOYEES, List.of("employees/", "Employee/"));
    private static final Map<TableName, String> FLAT_FILES = Map.of(
            TableName.DEPARTMENTS, "departments.csv",
            TableName.JOBS, "jobs.csv",
            TableName.EMPLOYEES, "hired_employees.csv");

    public BucketLayout {
        String p = prefix == null ? "" : prefix.strip().replaceAll("^/+", "");
        prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** The key prefixes a table's objects are listed under, the prefix included. */
    public List<String> folders(TableName table) {
        return FOLDERS.get(table).stream().map(folder -> prefix + folder).toList();
    }

    /** The seed's flat file of a table at the root, the prefix included. */
    public String flatFile(TableName table) {
        return prefix + FLAT_FILES.get(table);
    }

    /** Whether a key names a loadable file by its ending: {@code .csv} or {@code .csv.gz}. */
    public static boolean csv(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith(".csv") || k.endsWith(".csv.gz");
    }

    /** The table whose files include {@code key}, or empty for any other key. */
    public Optional<TableName> tableOf(String key) {
        if (key == null || !csv(key)) {
            return Optional.empty();
        }
        for (TableName table : TableName.values()) {
            String flat = flatFile(table);
            if (key.equals(flat) || key.equals(flat + ".gz")
                    || folders(table).stream().anyMatch(folder -> key.startsWith(folder) && key.length() > folder.length())) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
