package io.hireload.model;

/** The API's paths, shared by the server's resources and the typed client. */
public final class ApiPaths {
    public static final String DEPARTMENTS = "/departments";
    public static final String JOBS = "/jobs";
    public static final String EMPLOYEES = "/employees";
    public static final String BATCH = "/batch";
    public static final String ALL_TABLES_BATCH = "/all-tables/batch";
    public static final String LOADS = "/loads";
    /** After {@code /loads/{id}}: stop that load. */
    public static final String CANCEL = "/cancel";
    public static final String HIRED_BY_QUARTER_2021 = "/metrics/hired-by-quarter-2021";
    public static final String TOP_HIRING_DEPARTMENTS = "/metrics/top-hiring-departments";
    public static final String HEALTH_DB = "/health-db";
    public static final String HEALTH_S3 = "/health-s3";
    public static final String BACKUPS = "/backups";
    /** Under {@link #BACKUPS}: one backup by its id ({@code /backups/by-id/{id}}). */
    public static final String BACKUP_BY_ID = "/by-id";
    public static final String FILES = "/files";
    public static final String KEYS = "/keys";
    /** Under {@link #KEYS}: the key the request is made with ({@code GET /keys/me}). */
    public static final String ME = "/me";
    public static final String AUDIT = "/audit";

    public static final int MAX_BATCH_SIZE = 1000;
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    private ApiPaths() {
    }

    public static String of(TableName table) {
        return "/" + table.path();
    }
}
