package io.hireload.load.api;

import io.hireload.load.queue.LoadRequest;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadsAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Loads every table from S3: departments and jobs side by side, then employees. */
@Path("/all-tables/batch")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AllTablesResource {
    private final LoadService loads;

    @Inject
    public AllTablesResource(LoadService loads) {
        this.loads = loads;
    }

    @POST
    public Response loadAll(@QueryParam("batch_size") String batchSize, @QueryParam("dry_run") String dryRun,
                            @QueryParam("async") String async, @QueryParam("delimiter") String delimiter,
                            @QueryParam("force") String force, @QueryParam("indexes") String indexes) {
        LoadRequest request = LoadAnswers.request(batchSize, dryRun, async, delimiter, force, indexes);
        List<LoadReport> reports = loads.load(LoadAnswers.all(), request);
        return LoadAnswers.answer(request, reports.get(0), new LoadsAnswer(reports));
    }
}
