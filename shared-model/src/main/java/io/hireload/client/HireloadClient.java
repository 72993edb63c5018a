package io.hireload.client;

import io.hireload.model.ApiKey;
import io.hireload.model.ApiPaths;
import io.hireload.model.AuditEntry;
import io.hireload.model.Caller;
import io.hireload.model.CreatedKey;
import io.hireload.model.NewKey;
import io.hireload.model.BackupInfo;
import io.hireload.model.BackupsAnswer;
import io.hireload.model.BucketFile;
import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.EmployeeSearch;
import io.hireload.model.HealthAnswer;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.Job;
import io.hireload.model.IndexMode;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadsAnswer;
import io.hireload.model.Page;
import io.hireload.model.RejectedRow;
import io.hireload.model.RestoreReport;
import io.hireload.model.RestoreRequest;
import io.hireload.model.ServiceInfo;
import io.hireload.model.StoredFile;
import io.hireload.model.TableName;
import io.hireload.model.TopDepartment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/** A typed client of the hireload API, blocking (a UI thread runs it on a worker); every error status
 *  becomes an {@link ApiException} carrying the server's message. */
public final class HireloadClient {
    private final ApiTransport api;

    public HireloadClient(URI base, String key) {
        this.api = new ApiTransport(base, key);
    }

    public URI base() {
        return api.base();
    }

    public ServiceInfo info() {
        return api.get("/", api.type(ServiceInfo.class));
    }

    public HealthAnswer databaseHealth() {
        return api.getAllowing503(ApiPaths.HEALTH_DB);
    }

    public HealthAnswer s3Health() {
        return api.getAllowing503(ApiPaths.HEALTH_S3);
    }

    /** Loads one table from S3. {@code batchSize} null means the server's default. */
    public LoadReport load(TableName table, Integer batchSize, boolean dryRun) {
        return load(table, batchSize, dryRun, false);
    }

    /**
     * Loads one table from S3; with {@code force}, objects already loaded (same key and ETag) are
     * loaded again instead of skipped.
     */
    public LoadReport load(TableName table, Integer batchSize, boolean dryRun, boolean force) {
        return api.send("POST", ApiPaths.of(table) + ApiPaths.BATCH + Queries.load(batchSize, dryRun, false, force),
                null, null, api.type(LoadReport.class));
    }

    /** Starts a load of one table and answers at once; follow it with {@link #loadById(long)}. */
    public LoadReport startLoad(TableName table, Integer batchSize, boolean dryRun) {
        return startLoad(table, batchSize, dryRun, false);
    }

    /** Starts a load of one table, {@code force} as in {@link #load(TableName, Integer, boolean, boolean)}. */
    public LoadReport startLoad(TableName table, Integer batchSize, boolean dryRun, boolean force) {
        return startLoad(table, batchSize, dryRun, force, null);
    }

    /** The same, with the table's secondary indexes set aside and built after the data, or kept; null: the server decides. */
    public LoadReport startLoad(TableName table, Integer batchSize, boolean dryRun, boolean force, IndexMode indexes) {
        return api.send("POST", ApiPaths.of(table) + ApiPaths.BATCH + Queries.load(batchSize, dryRun, true, force)
                + (indexes == null ? "" : "&indexes=" + indexes.wire()), null, null, api.type(LoadReport.class));
    }

    public LoadsAnswer loadAll(Integer batchSize, boolean dryRun) {
        return api.send("POST", ApiPaths.ALL_TABLES_BATCH + Queries.load(batchSize, dryRun, false, false), null, null,
                api.type(LoadsAnswer.class));
    }

    public LoadsAnswer startLoadAll(Integer batchSize, boolean dryRun) {
        return startLoadAll(batchSize, dryRun, false, null);
    }

    /** Starts loads of every table; {@code force} and {@code indexes} as in {@link #startLoad(TableName, Integer, boolean, boolean, IndexMode)}. */
    public LoadsAnswer startLoadAll(Integer batchSize, boolean dryRun, boolean force, IndexMode indexes) {
        return api.send("POST", ApiPaths.ALL_TABLES_BATCH + Queries.load(batchSize, dryRun, true, force)
                + (indexes == null ? "" : "&indexes=" + indexes.wire()), null, null, api.type(LoadsAnswer.class));
    }

    /** Posts 1..1000 rows as JSON objects with the CSV column names. */
    public LoadReport insert(TableName table, List<?> rows) {
        try {
            return api.send("POST", ApiPaths.of(table), "application/json", api.json().writeValueAsString(rows),
                    api.type(LoadReport.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts 1..1000 rows as a CSV body, in any of the dialects files may use. */
    public LoadReport insertCsv(TableName table, String csv) {
        return api.send("POST", ApiPaths.of(table), "text/csv", csv, api.type(LoadReport.class));
    }

    public Page<Department> departments(int page, int size) {
        return api.get(ApiPaths.DEPARTMENTS + Queries.page("size", page, size), api.pageOf(Department.class));
    }

    public Page<Job> jobs(int page, int size) {
        return api.get(ApiPaths.JOBS + Queries.page("size", page, size), api.pageOf(Job.class));
    }

    public Page<Employee> employees(int page, int size) {
        return api.get(ApiPaths.EMPLOYEES + Queries.page("size", page, size), api.pageOf(Employee.class));
    }

    /** A page of the employees that match {@code search}, with their department's and job's names. */
    public Page<Employee> employees(EmployeeSearch search, int page, int size) {
        return api.get(ApiPaths.EMPLOYEES + Queries.page("size", page, size) + search.query(), api.pageOf(Employee.class));
    }

    public Optional<Department> department(int id) {
        return api.find(ApiPaths.DEPARTMENTS + "/" + id, Department.class);
    }

    public Optional<Job> job(int id) {
        return api.find(ApiPaths.JOBS + "/" + id, Job.class);
    }

    public Optional<Employee> employee(int id) {
        return api.find(ApiPaths.EMPLOYEES + "/" + id, Employee.class);
    }

    public Page<HiredByQuarter> hiredByQuarter2021(int page, int limit) {
        return api.get(ApiPaths.HIRED_BY_QUARTER_2021 + Queries.page("limit", page, limit), api.pageOf(HiredByQuarter.class));
    }

    /** The by-quarter metric for any year ({@code GET /metrics/hired-by-quarter?year=}). */
    public Page<HiredByQuarter> hiredByQuarter(int year, int page, int limit) {
        return api.get("/metrics/hired-by-quarter" + Queries.page("limit", page, limit) + "&year=" + year,
                api.pageOf(HiredByQuarter.class));
    }

    public Page<TopDepartment> topHiringDepartments(int year, int page, int limit) {
        return api.get(ApiPaths.TOP_HIRING_DEPARTMENTS + Queries.page("limit", page, limit) + "&year=" + year,
                api.pageOf(TopDepartment.class));
    }

    public Page<TopDepartment> topHiringDepartments(int page, int limit) {
        return api.get(ApiPaths.TOP_HIRING_DEPARTMENTS + Queries.page("limit", page, limit), api.pageOf(TopDepartment.class));
    }

    /** Every item of a paged list, page after page; for small lists (metrics, tests). */
    public List<HiredByQuarter> allHiredByQuarter2021() {
        return Queries.all(page -> hiredByQuarter2021(page, ApiPaths.MAX_PAGE_SIZE));
    }

    public Page<LoadReport> loads(int page, int size) {
        return api.get(ApiPaths.LOADS + Queries.page("size", page, size), api.pageOf(LoadReport.class));
    }

    public LoadReport loadById(long id) {
        return api.get(ApiPaths.LOADS + "/" + id, api.type(LoadReport.class));
    }

    public Page<RejectedRow> rejected(long loadId, int page, int size) {
        return api.get(ApiPaths.LOADS + "/" + loadId + "/rejected" + Queries.page("size", page, size),
                api.pageOf(RejectedRow.class));
    }

    /**
     * Saves every rejected row of a load, as the server's CSV ({@code file,line,raw,reason}), to
     * {@code file}: streamed to a file beside it and moved into place whole, so an interrupted
     * download never leaves a partial file under the operator's name. Answers the bytes written.
     */
    public long saveRejectedCsv(long loadId, Path file) {
        HttpRequest request = api.request(ApiPaths.LOADS + "/" + loadId + "/rejected")
                .setHeader("Accept", "text/csv").GET().build();
        HttpResponse<InputStream> response = api.exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 400) {
                api.checked(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            Path target = file.toAbsolutePath();
            Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try {
                long bytes = Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return bytes;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the rejected rows of load " + loadId + " to " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Backs one table up to an Avro file (a directory or the bucket, as the server is configured). */
    public BackupInfo backup(TableName table) {
        return api.send("POST", ApiPaths.BACKUPS + ApiPaths.of(table), null, null, api.type(BackupInfo.class));
    }

    /** Backs the three tables up from one snapshot, so the files agree with each other. */
    public BackupsAnswer backupAll() {
        return api.send("POST", ApiPaths.BACKUPS, null, null, api.type(BackupsAnswer.class));
    }

    /** Backups, newest first; {@code table} null lists every table's. */
    public Page<BackupInfo> backups(TableName table, int page, int size) {
        String query = Queries.page("size", page, size) + (table == null ? "" : "&table=" + table.path());
        return api.get(ApiPaths.BACKUPS + query, api.pageOf(BackupInfo.class));
    }

    public BackupInfo backupById(long id) {
        return api.get(ApiPaths.BACKUPS + ApiPaths.BACKUP_BY_ID + "/" + id, api.type(BackupInfo.class));
    }

    /** Replaces the table's rows with a backup's, atomically; {@code backupId} null means the newest. */
    public RestoreReport restore(TableName table, Long backupId) {
        try {
            return api.send("POST", ApiPaths.BACKUPS + ApiPaths.of(table) + "/restore", "application/json",
                    api.json().writeValueAsString(new RestoreRequest(backupId)), api.type(RestoreReport.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Uploads a file from disk into the table's folder ({@code PUT /files/{table}/{name}}), streamed
     * with its length declared; {@code sent} hears the bytes sent so far (from the sending thread).
     * With {@code load} the server also starts the table's load: the answer's {@code load_id}.
     */
    public StoredFile upload(TableName table, String name, Path file, boolean load, LongConsumer sent) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new CountingUpload(Files.newInputStream(file), sent);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                    }
                }), size);
        return upload(table, name, body, load);
    }

    /** Uploads bytes held in memory as a file of the table ({@code PUT /files/{table}/{name}}). */
    public StoredFile upload(TableName table, String name, byte[] content, boolean load) {
        return upload(table, name, HttpRequest.BodyPublishers.ofByteArray(content), load);
    }

    /** The key this client speaks with: its name and role ({@code GET /keys/me}, any valid key). */
    public Caller me() {
        return api.get(ApiPaths.KEYS + ApiPaths.ME, api.type(Caller.class));
    }

    /** Makes a named key (admin); the answer's secret is shown this once and never again. */
    public CreatedKey createKey(NewKey key) {
        try {
            return api.send("POST", ApiPaths.KEYS, "application/json", api.json().writeValueAsString(key),
                    api.type(CreatedKey.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named keys, newest first, without secrets (admin). */
    public Page<ApiKey> keys(int page, int size) {
        return api.get(ApiPaths.KEYS + Queries.page("size", page, size), api.pageOf(ApiKey.class));
    }

    /** Revokes a named key on every instance (admin). */
    public void deleteKey(long id) {
        HttpRequest request = api.request(ApiPaths.KEYS + "/" + id).DELETE().build();
        api.checked(api.exchange(request));
    }

    /**
     * The audit trail, newest first (admin); {@code actor} (a key's name) and {@code since} narrow
     * it, either may be null.
     */
    public Page<AuditEntry> audit(String actor, java.time.Instant since, int page, int size) {
        String query = Queries.page("size", page, size)
                + (actor == null || actor.isBlank() ? "" : "&actor=" + URLEncoder.encode(actor.strip(), StandardCharsets.UTF_8))
                + (since == null ? "" : "&since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
        return api.get(ApiPaths.AUDIT + query, api.pageOf(AuditEntry.class));
    }

    /** The table's CSV files in the bucket, with whether each version was loaded. */
    public Page<BucketFile> files(TableName table, int page, int size) {
        return api.get(ApiPaths.FILES + Queries.page("size", page, size) + "&table=" + table.path(), api.pageOf(BucketFile.class));
    }

    /** Deletes a file from the table's folder ({@code DELETE /files/{table}/{name}}); 409 while a load reads it. */
    public void deleteFile(TableName table, String name) {
        HttpRequest request = api.request(ApiPaths.FILES + "/" + table.path() + "/" + Queries.pathSegment(name)).DELETE().build();
        api.checked(api.exchange(request));
    }

    /**
     * Asks the server to stop a load ({@code POST /loads/{id}/cancel}, 202); 409 when it has already
     * ended. Answers the load as it is now: cancelling takes effect at its next batch, so follow it
     * with {@link #loadById} to its end.
     */
    public LoadReport cancelLoad(long id) {
        HttpResponse<String> answer = api.checked(api.exchange(api.request(ApiPaths.LOADS + "/" + id + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
        return answer.body() == null || answer.body().isBlank() ? loadById(id)
                : api.read(answer.body(), api.type(LoadReport.class));
    }

    private StoredFile upload(TableName table, String name, HttpRequest.BodyPublisher body, boolean load) {
        String path = ApiPaths.FILES + "/" + table.path() + "/" + Queries.pathSegment(name) + (load ? "?load=true" : "");
        HttpRequest request = api.request(path)
                .header("Content-Type", name.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? "application/gzip" : "text/csv")
                .PUT(body).build();
        return api.read(api.checked(api.exchange(request)).body(), api.type(StoredFile.class));
    }
}
