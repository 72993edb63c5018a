package io.hireload.tables;

import io.hireload.client.HireloadClient;
import io.hireload.model.Employee;
import io.hireload.model.EmployeeSearch;
import io.hireload.model.Page;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "When did Ana Vogt join, and in which department?": GET /employees filters, and GET /employees/{id}, through real HTTP. */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class EmployeeFiltersTest {
    private final Api api;
    private final HireloadClient client;

    @Inject
    EmployeeFiltersTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @BeforeEach
    /** Upserts by id: the same rows before every test leave the same state. */
    void people() {
        client.insert(TableName.DEPARTMENTS, List.of(Map.of("id", 1, "department", "Supply Chain"),
                Map.of("id", 2, "department", "Audit")));
        client.insert(TableName.JOBS, List.of(Map.of("id", 1, "job", "Recruiter"), Map.of("id", 2, "job", "Analyst")));
        client.insert(TableName.EMPLOYEES, List.of(
                row(1, "Ana Vogt", "2021-07-27T13:02:08-03:00", 2, 1),
                row(2, "Harold Vogt", "2021-11-07T02:48:42Z", 1, 2),
                row(3, "Susana Ortiz", "2020-01-01T00:00:00Z", 1, 1),
                row(4, "ANA 100%_done", "2022-03-01T00:00:00Z", 2, 2),
                row(5, "Anna Smith", "2021-01-01T00:00:00Z", 1, 2)));
    }

    @Test
    void aNameMatchesAnywhereWhateverTheCaseAndAnswersTheDepartmentAndJobNames() {
        Page<Employee> page = client.employees(new EmployeeSearch("ana v", null, null, null, null), 1, 50);

        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).containsExactly(new Employee(1, "Ana Vogt", Instant.parse("2021-07-27T16:02:08Z"),
                2, 1, "Audit", "Recruiter"));
        assertThat(ids(new EmployeeSearch("ANA", null, null, null, null))).containsExactly(1, 3, 4);
    }

    @Test
    void oneEmployeeByIdAnswersTheDepartmentAndJobNamesAsItsListItemDoes() {
        Employee listed = client.employees(new EmployeeSearch("harold", null, null, null, null), 1, 50).items().get(0);

        assertThat(client.employee(2)).contains(new Employee(2, "Harold Vogt", Instant.parse("2021-11-07T02:48:42Z"),
                1, 2, "Supply Chain", "Analyst")).contains(listed);
        HttpResponse<String> raw = api.get("/employees/2");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).contains("\"department\":\"Supply Chain\"", "\"job\":\"Analyst\"");
    }

    @Test
    void wildcardsInTheNameAreTakenLiterally() {
        assertThat(ids(new EmployeeSearch("%", null, null, null, null))).containsExactly(4);
        assertThat(ids(new EmployeeSearch("0%_d", null, null, null, null))).containsExactly(4);
        assertThat(ids(new EmployeeSearch("a_a", null, null, null, null))).isEmpty();
    }

    @Test
    void filtersCombineAndTheHireRangeIsHalfOpen() {
        assertThat(ids(new EmployeeSearch(null, 1, null, null, null))).containsExactly(2, 3, 5);
        assertThat(ids(new EmployeeSearch(null, 1, 2, null, null))).containsExactly(2, 5);
        assertThat(ids(new EmployeeSearch(null, null, null, Instant.parse("2021-01-01T00:00:00Z"),
                Instant.parse("2022-01-01T00:00:00Z")))).containsExactly(1, 2, 5);
        assertThat(ids(new EmployeeSearch(null, null, null, null, Instant.parse("2021-01-01T00:00:00Z"))))
                .containsExactly(3);
        assertThat(ids(new EmployeeSearch("vogt", 1, 2, Instant.parse("2021-11-07T02:48:42Z"), null)))
                .containsExactly(2);
    }

    @Test
    void theEnvelopeCountsTheMatchesAndPagesInIdOrder() throws Exception {
        Page<Employee> second = client.employees(new EmployeeSearch("an", null, null, null, null), 2, 2);

        assertThat(second.total()).isEqualTo(4);
        assertThat(second.pages()).isEqualTo(2);
        assertThat(second.items()).extracting(Employee::id).containsExactly(4, 5);
        assertThat(client.employees(1, 50).total()).isEqualTo(5);
    }

    @Test
    void badValuesAre400WithAReasonNamingTheParameter() throws Exception {
        assertBadRequest("/employees?department_id=abc", "department_id must be an integer");
        assertBadRequest("/employees?hired_to=yesterday", "hired_to must be an ISO-8601 instant");
        assertBadRequest("/employees?hired_from=2021-07-27T16%3A02%3A08", "hired_from must be an ISO-8601 instant");
        assertBadRequest("/employees?job_id=0", "job_id must be from 1");
        assertBadRequest("/employees?hired_from=2022-01-01T00%3A00%3A00Z&hired_to=2021-01-01T00%3A00%3A00Z",
                "hired_from must be before hired_to");
        assertBadRequest("/employees?name=" + "x".repeat(256), "name must be at most 255 characters");
    }

    @Test
    void theNameSearchHasItsTrigramIndex() throws Exception {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select indexdef from pg_indexes where indexname = 'employee_name_trgm_idx'")) {
            assertThat(r.next()).as("the V15 index exists").isTrue();
            assertThat(r.getString(1)).contains("gin", "lower");
        }
    }

    /**
     * Colons percent-encoded, as the typed client sends them: Helidon 4.2.0's request validation
     * refuses a raw {@code :} in a query with an empty 400 (its query alphabet lacks it).
     */
    private void assertBadRequest(String path, String detail) throws Exception {
        HttpResponse<String> response = api.send(api.request(path, EmbeddedServices.ADMIN_KEY)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).GET().build());
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.body()).as(path).contains("\"detail\":\"" + detail);
    }

    private List<Integer> ids(EmployeeSearch search) {
        return client.employees(search, 1, 1000).items().stream().map(Employee::id).toList();
    }

    private static Map<String, Object> row(int id, String name, String datetime, int department, int job) {
        return Map.of("id", id, "name", name, "datetime", datetime, "department_id", department, "job_id", job);
    }
}
