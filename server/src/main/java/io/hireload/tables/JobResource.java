package io.hireload.tables;

import io.hireload.load.InsertService;
import io.hireload.load.LoadService;
import io.hireload.model.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

@Path("/jobs")
@ApplicationScoped
public class JobResource extends TableResource<Job> {
    @Inject
    public JobResource(TableQueries queries, LoadService loads, InsertService inserts) {
        super(TableKind.JOBS, queries, loads, inserts);
    }

    /** For CDI's proxy only. */
    protected JobResource() {
        super(TableKind.JOBS, null, null, null);
    }
}
