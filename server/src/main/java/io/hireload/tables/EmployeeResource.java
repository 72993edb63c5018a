package io.hireload.tables;

import io.hireload.load.LoadService;
import io.hireload.model.Employee;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

@Path("/employees")
@ApplicationScoped
public class EmployeeResource extends TableResource<Employee, EmployeeEntity> {
    @Inject
    public EmployeeResource(TableQueries queries, LoadService loads) {
        super(TableKind.EMPLOYEES, queries, loads);
    }

    /** For CDI's proxy only. */
    protected EmployeeResource() {
        super(TableKind.EMPLOYEES, null, null);
    }
}
