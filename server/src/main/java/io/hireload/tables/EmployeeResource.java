package io.hireload.tables;

import io.hireload.load.InsertService;
import io.hireload.load.LoadService;
import io.hireload.model.Employee;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

@Path("/employees")
@ApplicationScoped
public class EmployeeResource extends TableResource<Employee> {
    @Inject
    public EmployeeResource(TableQueries queries, LoadService loads, InsertService inserts) {
        super(TableKind.EMPLOYEES, queries, loads, inserts);
    }

    /** For CDI's proxy only. */
    protected EmployeeResource() {
        super(TableKind.EMPLOYEES, null, null, null);
    }
}
