package io.hireload.backup.api;

import io.hireload.backup.BackupCatalog;
import io.hireload.backup.TableBackups;
import io.hireload.backup.TableRestores;
import io.hireload.audit.AuditContext;
import io.hireload.model.ApiPaths;
import io.hireload.model.BackupInfo;
import io.hireload.model.BackupsAnswer;
import io.hireload.model.Page;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import io.hireload.failure.Failure;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Backups of the tables as Avro files, and restores from them (docs/BACKUPS.md):
 * {@code POST /backups}, {@code POST /backups/{table}}, {@code GET /backups},
 * {@code GET /backups/by-id/{id}}, {@code POST /backups/{table}/restore}.
 */
@Path(ApiPaths.BACKUPS)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {
    private final TableBackups backups;
    private final BackupCatalog catalog;
    private final TableRestores restores;
    private final AuditContext audit;

    @Inject
    public BackupsResource(TableBackups backups, BackupCatalog catalog, TableRestores restores, AuditContext audit) {
        this.backups = backups;
        this.catalog = catalog;
        this.restores = restores;
        this.audit = audit;
    }

    /** For CDI's proxy only. */
    protected BackupsResource() {
        this(null, null, null, null);
    }

    /** The three tables from one snapshot: departments, jobs, employees. */
    @POST
    public Response backupAll() {
        List<BackupInfo> made = backups.backup(List.of(TableName.DEPARTMENTS, TableName.JOBS, TableName.EMPLOYEES));
        return Response.status(Response.Status.CREATED).entity(new BackupsAnswer(made)).build();
    }

    @POST
    @Path("/{table}")
    public Response backup(@PathParam("table") String table) {
        BackupInfo made = backups.backup(List.of(table(table))).get(0);
        return Response.created(URI.create(ApiPaths.BACKUPS + ApiPaths.BACKUP_BY_ID + "/" + made.id())).entity(made).build();
    }

    @GET
    public Page<BackupInfo> list(@QueryParam("table") String table, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
        return catalog.page(table == null || table.isBlank() ? null : tableParameter(table.strip()),
                QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path(ApiPaths.BACKUP_BY_ID + "/{id}")
    public BackupInfo one(@PathParam("id") String id) {
        long key = QueryParams.integer("id", id, 0, 1, Integer.MAX_VALUE);
        return catalog.find(key).orElseThrow(() -> new Failure.NotFound("no backup " + key));
    }

    /**
     * The route before 0.2, {@code GET /backups/{id}}: its template was the same as
     * {@code /backups/{table}}'s, which OpenAPI forbids, so it moved to {@code /backups/by-id/{id}}.
     * Old clients are redirected there (308 keeps the method); the document does not list it.
     */
    @GET
    @Path("/{id}")
    public Response movedToById(@PathParam("id") String id) {
        long key = QueryParams.integer("id", id, 0, 1, Integer.MAX_VALUE);
        return Response.status(308).header("Location", ApiPaths.BACKUPS + ApiPaths.BACKUP_BY_ID + "/" + key).build();
    }

    /** Body {@code {"backup": id}}, or none (or {@code {}}) for the newest backup of the table. */
    @POST
    @Path("/{table}/restore")
    @Consumes(MediaType.WILDCARD)
    public RestoreReport restore(@PathParam("table") String table, InputStream body) throws IOException {
        TableName name = table(table);
        // Read as a stream, not a String parameter: a chunked body over the server's limit then
        // ends as a 413 (ErrorMappers), where Jersey's String reader turned it into a 500.
        byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
        audit.answersOnCommit(Response.Status.OK.getStatusCode());
        return restores.restore(name, RestoreBody.backupId(bytes));
    }

    private static TableName table(String path) {
        return TableName.fromPath(path).orElseThrow(() -> new Failure.NotFound("no table '" + abbreviate(path)
                + "'; tables are " + Arrays.stream(TableName.values()).map(TableName::path)
                .collect(Collectors.joining(", "))));
    }

    private static TableName tableParameter(String value) {
        return TableName.fromPath(value).orElseThrow(() -> new Failure.InvalidInput("table must be one of "
                + Arrays.stream(TableName.values()).map(TableName::path).collect(Collectors.joining(", "))
                + ", not '" + abbreviate(value) + "'"));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
