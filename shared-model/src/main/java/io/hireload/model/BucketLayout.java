package io.hireload.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which S3 keys hold what (SPEC section 3, "S3 layout"), under a bucket prefix ({@code S3_PREFIX}:
 * empty, or ending with {@code /}): one folder per table, the seed's folders named after its model
 * classes, the seed's flat file names at the root (plain or {@code .gz}), and the backups' folder.
 * The server's listing of a table, its mapping of one announced key (an S3 event) and the
 * deployment's grants and event filters all read the layout from here.
 */
public record BucketLayout(String prefix) {
    /** Backup files, one folder per table below it. */
    public static final String BACKUPS = "backups/";
    /** What a gzipped CSV file's name ends with after {@code .csv}. */
    public static final String GZIP = ".gz";

    public BucketLayout {
        String p = prefix == null ? "" : prefix.strip().replaceAll("^/+", "");
        prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** The folders whose objects load into {@code table}, without the prefix: its own, then the seed's. */
    public static List<String> tableFolders(TableName table) {
        return switch (table) {
            case DEPARTMENTS -> List.of("departments/", "Department/");
            case JOBS -> List.of("jobs/", "Job/");
            case EMPLOYEES -> List.of("employees/", "Employee/");
        };
    }

    /** The seed's flat file of {@code table}, without the prefix. */
    public static String flatFileName(TableName table) {
        return switch (table) {
            case DEPARTMENTS -> "departments.csv";
            case JOBS -> "jobs.csv";
            case EMPLOYEES -> "hired_employees.csv";
        };
    }

    /** Every table's folders, without the prefix. */
    public static List<String> allTableFolders() {
        return Arrays.stream(TableName.values()).flatMap(t -> tableFolders(t).stream()).toList();
    }

    /** Every table's flat file, without the prefix. */
    public static List<String> allFlatFileNames() {
        return Arrays.stream(TableName.values()).map(BucketLayout::flatFileName).toList();
    }

    /** The key prefixes a table's objects are listed under, the prefix included. */
    public List<String> folders(TableName table) {
        return tableFolders(table).stream().map(folder -> prefix + folder).toList();
    }

    /** The seed's flat file of a table at the root, the prefix included. */
    public String flatFile(TableName table) {
        return prefix + flatFileName(table);
    }

    /** The keys a table's flat file may have at the root: plain or gzipped. */
    public List<String> flatFileKeys(TableName table) {
        return List.of(flatFile(table), flatFile(table) + GZIP);
    }

    /** Where an upload of a table's file goes, the prefix included: the table's own folder. */
    public String uploadFolder(TableName table) {
        return folders(table).get(0);
    }

    /** The key of one backup file of a table, the prefix included. */
    public String backupKey(TableName table, String fileName) {
        return prefix + BACKUPS + table.path() + "/" + fileName;
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
            if (flatFileKeys(table).contains(key)
                    || folders(table).stream().anyMatch(folder -> key.startsWith(folder) && key.length() > folder.length())) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
