package io.hireload.tables.api;

import io.hireload.tables.TableKind;
import io.hireload.tables.TableQueries;
import io.hireload.audit.AuditContext;
import io.hireload.load.api.InsertService;
import io.hireload.load.api.LoadAnswers;
import io.hireload.load.queue.LoadRequest;
import io.hireload.load.api.LoadService;
import io.hireload.model.LoadReport;
import io.hireload.model.Page;
import io.hireload.failure.Failure;
import io.hireload.web.QueryParams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints every table has: its S3 load, one row by id, the 1..1000-row API (and a page of
 * rows for the list each resource declares). Each table's resource
 * names its path and kind; the work is in the services.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class TableResource<R> {
    private final TableKind<R, ?> kind;
    private final TableQueries queries;
    private final LoadService loads;
    private final InsertService inserts;
    private final AuditContext audit;

    protected TableResource(TableKind<R, ?> kind, TableQueries queries, LoadService loads, InsertService inserts,
                            AuditContext audit) {
        this.kind = kind;
        this.queries = queries;
        this.loads = loads;
        this.inserts = inserts;
        this.audit = audit;
    }

    /** One page of the table in id order; each resource declares its own GET, employees with filters. */
    protected Page<R> page(String page, String size) {
        return queries.page(kind, QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path("/{id}")
    public R one(@PathParam("id") String id) {
        int key = QueryParams.integer("id", id, 0, 1, Integer.MAX_VALUE);
        return find(key)
                .orElseThrow(() -> new Failure.NotFound("no row with id " + key + " in " + kind.table().path()));
    }

    /** The row {@code GET /{table}/{id}} answers; a table whose list items carry more says so here too. */
    protected Optional<R> find(int id) {
        return queries.find(kind, id);
    }

    /** 1 to 1000 rows as a JSON array or a CSV body; answers the load report, 200 even with rejected rows. */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, "text/csv", "application/csv"})
    public LoadReport insert(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                             @QueryParam("dry_run") String dryRun, @QueryParam("delimiter") String delimiter) {
        boolean dry = QueryParams.bool("dry_run", dryRun);
        audit.answersOnCommit(Response.Status.OK.getStatusCode());
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("csv")) {
            return inserts.insertCsv(kind.table(), body, dry, QueryParams.delimiter(delimiter));
        }
        return inserts.insertJson(kind.table(), body, dry);
    }

    @POST
    @Path("/batch")
    public Response load(@QueryParam("batch_size") String batchSize, @QueryParam("dry_run") String dryRun,
                         @QueryParam("async") String async, @QueryParam("delimiter") String delimiter,
                         @QueryParam("force") String force, @QueryParam("indexes") String indexes) {
        LoadRequest request = LoadAnswers.request(batchSize, dryRun, async, delimiter, force, indexes);
        LoadReport report = loads.load(List.of(kind.table()), request).get(0);
        return LoadAnswers.answer(request, report, report);
    }
}
