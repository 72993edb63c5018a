package io.hireload.load.api;

import io.hireload.load.queue.LoadRuns;
import io.hireload.model.LoadReport;
import io.hireload.model.Page;
import io.hireload.model.RejectedRow;
import io.hireload.failure.Failure;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.hireload.model.ApiPaths;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The load history: every load with its report and progress, and the rows it rejected. */
@Path("/loads")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class LoadsResource {
    private final LoadRuns runs;
    private final RejectedCsv rejectedCsv;
    private final LoadService loads;

    @Inject
    public LoadsResource(LoadRuns runs, RejectedCsv rejectedCsv, LoadService loads) {
        this.runs = runs;
        this.rejectedCsv = rejectedCsv;
        this.loads = loads;
    }

    @GET
    public Page<LoadReport> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return runs.page(QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path("/{id}")
    public LoadReport one(@PathParam("id") String id) {
        return runs.report(id(id)).orElseThrow(() -> new Failure.NotFound("no load " + id));
    }

    /**
     * JSON pages; with {@code Accept: text/csv}, every rejected row of the load as one
     * {@code file,line,raw,reason} file to fix and load again ({@code page} and {@code size} do not apply).
     */
    @GET
    @Path("/{id}/rejected")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response rejected(@PathParam("id") String id, @QueryParam("page") String page,
                             @QueryParam("size") String size, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        long loadId = id(id);
        if (accept != null && accept.contains("text/csv") && !accept.contains("application/json")) {
            RejectedCsv.Writer file = rejectedCsv.of(loadId).orElseThrow(() -> new Failure.NotFound("no load " + id));
            return Response.ok((StreamingOutput) file::writeTo, RejectedCsv.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"load-" + loadId + "-rejected.csv\"")
                    .build();
        }
        Page<RejectedRow> rows = runs.rejected(loadId, QueryParams.page(page), QueryParams.size(size))
                .orElseThrow(() -> new Failure.NotFound("no load " + id));
        return Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Stops a queued or running load on whichever instance works it (SPEC section 3): 202 with the
     * load's report as the cancel left it ({@code cancelled}, or still {@code running} for the second
     * or two its batches in flight take to commit); 409 once it has ended, a second cancel included.
     */
    @POST
    @Path("/{id}" + ApiPaths.CANCEL)
    public Response cancel(@PathParam("id") String id) {
        return Response.accepted(loads.cancel(id(id))).build();
    }

    private static long id(String id) {
        return QueryParams.integer("id", id, 0, 1, Integer.MAX_VALUE);
    }


}
