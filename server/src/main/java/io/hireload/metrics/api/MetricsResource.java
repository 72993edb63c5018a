package io.hireload.metrics.api;

import io.hireload.metrics.MetricsService;
import io.hireload.model.ApiPaths;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.Page;
import io.hireload.model.TopDepartment;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The seed's two 2021 metrics, and the same for any year. */
@Path("/metrics")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
    private static final int SEED_YEAR = 2021;

    private final MetricsService metrics;

    @Inject
    public MetricsResource(MetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Path("/hired-by-quarter-2021")
    public Page<HiredByQuarter> hiredByQuarter2021(@QueryParam("page") String page, @QueryParam("limit") String limit) {
        return metrics.hiredByQuarter(SEED_YEAR, page(page), limit(limit));
    }

    @GET
    @Path("/hired-by-quarter")
    public Page<HiredByQuarter> hiredByQuarter(@QueryParam("year") String year, @QueryParam("page") String page,
                                               @QueryParam("limit") String limit) {
        return metrics.hiredByQuarter(year(year), page(page), limit(limit));
    }

    @GET
    @Path("/top-hiring-departments")
    public Page<TopDepartment> topHiringDepartments(@QueryParam("year") String year, @QueryParam("page") String page,
                                                    @QueryParam("limit") String limit) {
        return metrics.topHiringDepartments(year(year), page(page), limit(limit));
    }

    private static int year(String year) {
        return QueryParams.integer("year", year, SEED_YEAR, 1900, 2200);
    }

    private static int page(String page) {
        return QueryParams.page(page);
    }

    private static int limit(String limit) {
        // By default one page holds a whole metric (933 rows for the sample data), as the seed answered.
        return QueryParams.integer("limit", limit, ApiPaths.MAX_PAGE_SIZE, 1, ApiPaths.MAX_PAGE_SIZE);
    }
}
