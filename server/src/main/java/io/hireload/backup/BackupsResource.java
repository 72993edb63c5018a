package io.hireload.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hireload.model.ApiPaths;
import io.hireload.model.BackupInfo;
import io.hireload.model.BackupsAnswer;
import io.hireload.model.Json;
import io.hireload.model.Page;
import io.hireload.model.RestoreReport;
import io.hireload.model.RestoreRequest;
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

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Backups of the tables as Avro files, and restores from them (docs/BACKUPS.md):
 * {@code POST /backups}, {@code POST /backups/{table}}, {@code GET /backups},
 * {@code GET /backups/{id}}, {@code POST /backups/{table}/restore}.
 */
@Path(ApiPaths.BACKUPS)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {
    private final TableBackups backups;
    private final BackupCatalog catalog;
    private final TableRestores restores;

    @Inject
    public BackupsResource(TableBackups backups, BackupCatalog catalog, TableRestores restores) {
        this.backups = backups;
        this.catalog = catalog;
        this.restores = restores;
    }

    /** For CDI's proxy only. */
    protected BackupsResource() {
        this(null, null, null);
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
        return Response.created(URI.create(ApiPaths.BACKUPS + "/" + made.id())).entity(made).build();
    }

    @GET
    public Page<BackupInfo> list(@QueryParam("table") String table, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
        return catalog.page(table == null || table.isBlank() ? null : table(table.strip()),
                QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path("/{id}")
    public BackupInfo one(@PathParam("id") String id) {
        long key = QueryParams.integer("id", id, 0, 1, Integer.MAX_VALUE);
        return catalog.find(key).orElseThrow(() -> new Failure.NotFound("no backup " + key));
    }

    /** Body {@code {"backup": id}}, or none (or {@code {}}) for the newest backup of the table. */
    @POST
    @Path("/{table}/restore")
    @Consumes(MediaType.WILDCARD)
    public RestoreReport restore(@PathParam("table") String table, String body) {
        TableName name = table(table);
        Long id = null;
        if (body != null && !body.isBlank()) {
            RestoreRequest request;
            try {
                request = Json.mapper().readValue(body, RestoreRequest.class);
            } catch (JsonProcessingException e) {
                throw new Failure.InvalidInput("the body must be {\"backup\": <id>} or empty: " + e.getOriginalMessage());
            }
            id = request == null ? null : request.backup();
            if (id != null && id < 1) {
                throw new Failure.InvalidInput("backup must be a backup id (1 or more), not " + id);
            }
        }
        return restores.restore(name, id);
    }

    private static TableName table(String path) {
        return TableName.fromPath(path).orElseThrow(() -> new Failure.NotFound("no table '" + abbreviate(path)
                + "'; tables are " + Arrays.stream(TableName.values()).map(TableName::path)
                .collect(Collectors.joining(", "))));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
