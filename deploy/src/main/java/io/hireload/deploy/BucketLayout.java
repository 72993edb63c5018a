package io.hireload.deploy;

import java.util.List;
import java.util.stream.Stream;

/**
 * Where the server reads and writes in its bucket (SPEC section 3, "S3 layout"), as S3 key
 * patterns under the configured prefix. The task role is granted exactly these, so a key layout
 * change in the server must be mirrored here or the load fails with AccessDenied.
 */
public record BucketLayout(String prefix) {

    /** One folder per table, plus the seed's folders named after its model classes. */
    public static final List<String> TABLE_FOLDERS = List.of(
            "departments/", "jobs/", "employees/", "Department/", "Job/", "Employee/");

    /** The seed's flat files at the root. */
    public static final List<String> FLAT_FILES = List.of(
            "departments.csv", "jobs.csv", "hired_employees.csv");

    public static final String BACKUPS = "backups/";

    /** Keys the server reads: the CSV sources, and backups (a restore reads them back). */
    public List<String> readableKeyPatterns() {
        return Stream.concat(
                        Stream.concat(TABLE_FOLDERS.stream(), Stream.of(BACKUPS)).map(folder -> prefix + folder + "*"),
                        FLAT_FILES.stream().map(file -> prefix + file))
                .toList();
    }

    /** Keys the server writes: backups only; it never changes the operators' CSV files. */
    public List<String> writableKeyPatterns() {
        return List.of(prefix + BACKUPS + "*");
    }
}
