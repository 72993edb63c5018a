package io.hireload.model;

import java.util.Arrays;
import java.util.List;

/**
 * Where things live in the bucket, under its configured prefix (SPEC section 3, "S3 layout"):
 * one folder per table, the seed's folders named after its model classes and its flat files at
 * the root, and the backups' folder. The server reads and writes by it and the deployment grants
 * the task role exactly these keys, so both take it from here.
 */
public final class BucketLayout {
    /** Backup files, one folder per table below it. */
    public static final String BACKUPS = "backups/";

    private BucketLayout() {
    }

    /** The folders whose {@code .csv} objects load into {@code table}: its own, then the seed's. */
    public static List<String> folders(TableName table) {
        return switch (table) {
            case DEPARTMENTS -> List.of("departments/", "Department/");
            case JOBS -> List.of("jobs/", "Job/");
            case EMPLOYEES -> List.of("employees/", "Employee/");
        };
    }

    /** The seed's flat file of {@code table} at the prefix's root. */
    public static String flatFile(TableName table) {
        return switch (table) {
            case DEPARTMENTS -> "departments.csv";
            case JOBS -> "jobs.csv";
            case EMPLOYEES -> "hired_employees.csv";
        };
    }

    public static List<String> allFolders() {
        return Arrays.stream(TableName.values()).flatMap(t -> folders(t).stream()).toList();
    }

    public static List<String> allFlatFiles() {
        return Arrays.stream(TableName.values()).map(BucketLayout::flatFile).toList();
    }
}
