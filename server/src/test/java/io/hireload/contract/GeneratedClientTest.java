package io.hireload.contract;

import io.hireload.generated.ApiClient;
import io.hireload.generated.ApiException;
import io.hireload.generated.api.DepartmentsApi;
import io.hireload.generated.api.EmployeesApi;
import io.hireload.generated.api.JobsApi;
import io.hireload.generated.api.LoadsApi;
import io.hireload.generated.api.MetricsApi;
import io.hireload.generated.model.ApiError;
import io.hireload.generated.model.Department;
import io.hireload.generated.model.Employee;
import io.hireload.generated.model.EmployeePage;
import io.hireload.generated.model.HiredByQuarter;
import io.hireload.generated.model.HiredByQuarterPage;
import io.hireload.generated.model.Job;
import io.hireload.generated.model.LoadReport;
import io.hireload.generated.model.TopDepartmentPage;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proof that integrators can use the document: a Java client generated from it at build time
 * by openapi-generator (library {@code native}, Jackson), with nothing hand-written but the base
 * URI and the bearer key, posts rows, reads a page, reads both metrics and starts an async load
 * that it follows to its end.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class GeneratedClientTest {
    private static final Duration FINISH = Duration.ofSeconds(60);
    private final ApiClient client;

    @Inject
    GeneratedClientTest(WebTarget target) {
        client = new ApiClient();
        client.updateBaseUri(target.getUri().toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + EmbeddedServices.ADMIN_KEY));
    }

    @Test
    void anIntegratorPostsRowsReadsThemAndTheMetricsAndFollowsAnAsyncLoad() throws Exception {
        LoadReport departments = new DepartmentsApi(client).insertDepartments(List.of(
                new Department().id(1).department("Engineering"), new Department().id(2).department("Sales")), null, null);
        assertThat(departments.getInserted()).isEqualTo(2);
        assertThat(departments.getError()).as("a report's error is null when nothing failed").isNull();
        LoadReport jobs = new JobsApi(client).insertJobs(List.of(new Job().id(10).job("Data Engineer")), false, null);
        assertThat(jobs.getStatus()).isEqualTo(LoadReport.StatusEnum.SUCCEEDED);

        EmployeesApi employees = new EmployeesApi(client);
        OffsetDateTime hired = OffsetDateTime.of(2021, 7, 27, 13, 2, 8, 0, ZoneOffset.ofHours(-3));
        List<Employee> rows = IntStream.rangeClosed(1, 5).mapToObj(i -> new Employee().id(100 + i).name("Person " + i)
                .datetime(hired.plusMonths(i)).departmentId(i % 2 + 1).jobId(10)).toList();
        LoadReport posted = employees.insertEmployees(rows, null, null);
        assertThat(posted.getInserted()).isEqualTo(5);
        assertThat(posted.getRejectedRows()).isEmpty();
        LoadReport rejected = employees.insertEmployees(List.of(new Employee().id(200).name("Nobody")
                .datetime(hired).departmentId(99).jobId(10)), null, null);
        assertThat(rejected.getRejected()).isEqualTo(1);
        assertThat(rejected.getRejectedRows().get(0).getReason()).contains("department_id 99");

        EmployeePage page = employees.listEmployees(1, 3, null, null, null, null, null);
        assertThat(page.getTotal()).isEqualTo(5);
        assertThat(page.getPages()).isEqualTo(2);
        assertThat(employees.listEmployees(1, 3, page.getItems().get(0).getName().toUpperCase(java.util.Locale.ROOT),
                null, null, null, null).getItems()).extracting(e -> e.getId())
                .contains(page.getItems().get(0).getId());
        assertThat(page.getItems()).extracting(Employee::getId).containsExactly(101, 102, 103);
        assertThat(page.getItems().get(0).getDatetime().toInstant()).isEqualTo(hired.plusMonths(1).toInstant());
        Employee one = employees.getEmployee(105);
        assertThat(one.getName()).isEqualTo("Person 5");
        assertThat(one.getDepartment()).as("the names a list item carries").isEqualTo("Sales");
        assertThat(one.getJob()).isEqualTo("Data Engineer");

        MetricsApi metrics = new MetricsApi(client);
        HiredByQuarterPage quarters = metrics.getHiredByQuarter2021(null, null);
        assertThat(quarters.getItems()).extracting(HiredByQuarter::getDepartment).containsExactly("Engineering", "Sales");
        assertThat(quarters.getItems().stream().mapToInt(q -> q.getQ1() + q.getQ2() + q.getQ3() + q.getQ4()).sum()).isEqualTo(5);
        TopDepartmentPage top = metrics.getTopHiringDepartments(2021, 1, 10);
        assertThat(top.getItems()).isNotEmpty();
        assertThat(top.getSize()).isEqualTo(10);

        LoadsApi loads = new LoadsApi(client);
        LoadReport started = loads.loadJobs(null, null, true, null, true, "kept");
        assertThat(started.getLoadId()).isPositive();
        LoadReport finished = Await.value("load " + started.getLoadId() + " to finish", FINISH, () -> {
            LoadReport now = loads.getLoad(started.getLoadId());
            return Set.of(LoadReport.StatusEnum.SUCCEEDED, LoadReport.StatusEnum.FAILED, LoadReport.StatusEnum.INTERRUPTED)
                    .contains(now.getStatus()) ? Optional.of(now) : Optional.empty();
        });
        assertThat(finished.getStatus()).isEqualTo(LoadReport.StatusEnum.SUCCEEDED);
        assertThat(finished.getInserted()).as("the sample jobs file").isPositive();
        assertThat(finished.getFinishedAt()).isNotNull();
    }

    @Test
    void anErrorReachesTheIntegratorAsTheDocumentedErrorBody() {
        assertThatThrownBy(() -> new DepartmentsApi(client).listDepartments(0, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    ApiError error = readError(e.getResponseBody());
                    assertThat(error.getError()).isEqualTo("bad request");
                    assertThat(error.getDetail()).contains("page");
                });
    }

    private ApiError readError(String body) {
        try {
            return client.getObjectMapper().readValue(body, ApiError.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
