package io.hireload.tables.api;

import io.hireload.tables.TableKind;
import io.hireload.tables.TableQueries;
import io.hireload.load.api.InsertService;
import io.hireload.load.api.LoadService;
import io.hireload.model.Job;
import io.hireload.model.Page;
import jakarta.enterprise.context.ApplicationScoped;
import io.hireload.audit.AuditContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("/jobs")
@ApplicationScoped
public class JobResource extends TableResource<Job> {
    @Inject
    public JobResource(TableQueries queries, LoadService loads, InsertService inserts, AuditContext audit) {
        super(TableKind.JOBS, queries, loads, inserts, audit);
    }

    @GET
    public Page<Job> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return page(page, size);
    }

    /** For CDI's proxy only. */
    protected JobResource() {
        super(TableKind.JOBS, null, null, null, null);
    }
}
