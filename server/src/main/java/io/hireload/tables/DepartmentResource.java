package io.hireload.tables;

import io.hireload.load.InsertService;
import io.hireload.load.LoadService;
import io.hireload.model.Department;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

@Path("/departments")
@ApplicationScoped
public class DepartmentResource extends TableResource<Department> {
    @Inject
    public DepartmentResource(TableQueries queries, LoadService loads, InsertService inserts) {
        super(TableKind.DEPARTMENTS, queries, loads, inserts);
    }

    /** For CDI's proxy only. */
    protected DepartmentResource() {
        super(TableKind.DEPARTMENTS, null, null, null);
    }
}
