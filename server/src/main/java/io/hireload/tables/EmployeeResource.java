package io.hireload.tables;

import io.hireload.load.InsertService;
import io.hireload.load.LoadService;
import io.hireload.model.ApiPaths;
import io.hireload.model.Employee;
import io.hireload.model.EmployeeSearch;
import io.hireload.model.Page;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path(ApiPaths.EMPLOYEES)
@ApplicationScoped
public class EmployeeResource extends TableResource<Employee> {
    private final TableQueries queries;

    @Inject
    public EmployeeResource(TableQueries queries, LoadService loads, InsertService inserts) {
        super(TableKind.EMPLOYEES, queries, loads, inserts);
        this.queries = queries;
    }

    /** For CDI's proxy only. */
    protected EmployeeResource() {
        super(TableKind.EMPLOYEES, null, null, null);
        this.queries = null;
    }

    @GET
    @Operation(operationId = "listEmployees", summary = "A page of employees, filtered",
            description = "Employees ordered by id, each with its department's and job's names beside the ids. "
                    + "Filters combine (all must match); total and pages count the matching rows.")
    public Page<Employee> list(
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Rows per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = "Case-insensitive substring of the name, taken literally (% and _ match "
                    + "themselves)", schema = @Schema(type = SchemaType.STRING, maxLength = 255))
            @QueryParam("name") String name,
            @Parameter(description = "Only this department", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "2147483647")) @QueryParam("department_id") String departmentId,
            @Parameter(description = "Only this job", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "2147483647")) @QueryParam("job_id") String jobId,
            @Parameter(description = "Hired at or after this instant (ISO-8601 with Z or an offset)",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("hired_from") String hiredFrom,
            @Parameter(description = "Hired before this instant (exclusive; ISO-8601 with Z or an offset)",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
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
