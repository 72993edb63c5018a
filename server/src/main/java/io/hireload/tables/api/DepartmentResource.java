package io.hireload.tables.api;

import io.hireload.tables.TableKind;
import io.hireload.tables.TableQueries;
import io.hireload.load.api.InsertService;
import io.hireload.load.api.LoadService;
import io.hireload.model.Department;
import io.hireload.model.Page;
import jakarta.enterprise.context.ApplicationScoped;
import io.hireload.audit.AuditContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("/departments")
@ApplicationScoped
public class DepartmentResource extends TableResource<Department> {
    @Inject
    public DepartmentResource(TableQueries queries, LoadService loads, InsertService inserts, AuditContext audit) {
        super(TableKind.DEPARTMENTS, queries, loads, inserts, audit);
    }

    @GET
    public Page<Department> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return page(page, size);
    }

    /** For CDI's proxy only. */
    protected DepartmentResource() {
        super(TableKind.DEPARTMENTS, null, null, null, null);
    }
}
