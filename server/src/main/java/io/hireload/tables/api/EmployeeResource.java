package io.hireload.tables.api;

import io.hireload.tables.TableKind;
import io.hireload.tables.TableQueries;
import io.hireload.load.api.InsertService;
import io.hireload.load.api.LoadService;
import io.hireload.model.ApiPaths;
import io.hireload.model.Employee;
import io.hireload.model.EmployeeSearch;
import io.hireload.model.Page;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import io.hireload.audit.AuditContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.util.Optional;

@Path(ApiPaths.EMPLOYEES)
@ApplicationScoped
public class EmployeeResource extends TableResource<Employee> {
    private final TableQueries queries;

    @Inject
    public EmployeeResource(TableQueries queries, LoadService loads, InsertService inserts, AuditContext audit) {
        super(TableKind.EMPLOYEES, queries, loads, inserts, audit);
        this.queries = queries;
    }

    /** For CDI's proxy only. */
    protected EmployeeResource() {
        super(TableKind.EMPLOYEES, null, null, null, null);
        this.queries = null;
    }

    @GET
    public Page<Employee> list(
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("name") String name,
            @QueryParam("department_id") String departmentId,
            @QueryParam("job_id") String jobId,
            @QueryParam("hired_from") String hiredFrom,
            @QueryParam("hired_to") String hiredTo) {
        EmployeeSearch filter = new EmployeeSearch(name(name),
                QueryParams.optionalInteger("department_id", departmentId, 1, Integer.MAX_VALUE),
                QueryParams.optionalInteger("job_id", jobId, 1, Integer.MAX_VALUE),
                QueryParams.instant("hired_from", hiredFrom), QueryParams.instant("hired_to", hiredTo));
        if (filter.hiredFrom() != null && filter.hiredTo() != null && !filter.hiredFrom().isBefore(filter.hiredTo())) {
            throw new io.hireload.failure.Failure.InvalidInput("hired_from must be before hired_to, not "
                    + filter.hiredFrom() + " and " + filter.hiredTo());
        }
        return queries.employees(filter, QueryParams.page(page), QueryParams.size(size));
    }

    /** The same fields as an item of the list: the department's and job's names beside their ids. */
    @Override
    protected Optional<Employee> find(int id) {
        return queries.employee(id);
    }

    /** No name longer than a stored one can match; blank means no filter. */
    private static String name(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 255) {
            throw new io.hireload.failure.Failure.InvalidInput("name must be at most 255 characters, not "
                    + value.length());
        }
        return value;
    }
}
