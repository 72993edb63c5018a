package io.hireload.load;

import io.hireload.client.HireloadClient;
import io.hireload.model.Employee;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.LoadsAnswer;
import io.hireload.model.Page;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.SampleData;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The challenge's sample files loaded from S3 through real HTTP, and the metrics they give. */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleLoadTest {
    private static final SampleData SAMPLE = new SampleData();

    private final Api api;
    private final HireloadClient client;

    @Inject
    SampleLoadTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    @Order(1)
    void loadingAllTablesInsertsTheValidRowsAndKeepsTheRejectedOnesWithReasons() {
        LoadsAnswer answer = client.loadAll(null, false);

        Map<String, LoadReport> byTable = answer.loads().stream()
                .collect(Collectors.toMap(LoadReport::table, Function.identity()));
        assertThat(answer.loads()).extracting(LoadReport::table).containsExactly("departments", "jobs", "employees");
        assertThat(byTable.get("departments").inserted()).isEqualTo(12);
        assertThat(byTable.get("jobs").inserted()).isEqualTo(183);
        LoadReport employees = byTable.get("employees");
        assertThat(employees.status()).isEqualTo(LoadStatus.SUCCEEDED);
        assertThat(employees.rowsRead()).isEqualTo(1999);
        assertThat(employees.inserted()).isEqualTo(1929).isEqualTo(SAMPLE.validEmployeeCount());
        assertThat(employees.rejected()).isEqualTo(70);
        assertThat(employees.batches()).isEqualTo(2);
        assertThat(employees.files()).containsExactly("employees/hired_employees.csv");
        assertThat(employees.rejectedRows()).hasSize(70);

        Map<Long, RejectedRow> rejected = employees.rejectedRows().stream()
                .collect(Collectors.toMap(RejectedRow::line, Function.identity()));
        assertThat(rejected.get(2L).reason()).isEqualTo("line 2: job_id is empty");
        assertThat(rejected.get(2L).raw()).isEqualTo("2,Ty Hofer,2021-05-30T05:43:46Z,8,");
        assertThat(rejected.get(157L).reason()).isEqualTo("line 157: datetime is empty");
        assertThat(rejected.get(162L).reason()).isEqualTo("line 162: name is empty");
        assertThat(employees.rejectedRows()).extracting(RejectedRow::line).isSorted();
    }

    @Test
    @Order(2)
    void theTablesHoldExactlyTheValidRows() {
        assertThat(client.departments(1, 50).total()).isEqualTo(12);
        assertThat(client.jobs(1, 50).total()).isEqualTo(183);
        Page<Employee> page = client.employees(2, 100);
        assertThat(page.total()).isEqualTo(1929);
        assertThat(page.pages()).isEqualTo(20);
        assertThat(page.page()).isEqualTo(2);
        assertThat(page.size()).isEqualTo(100);
        assertThat(page.items()).hasSize(100);
        assertThat(page.items()).extracting(Employee::id).isSorted();
        Page<Employee> last = client.employees(20, 100);
        assertThat(last.items()).hasSize(29);
        assertThat(client.employees(21, 100).items()).isEmpty();
        assertThat(client.employee(1)).get().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Harold Vogt");
            assertThat(e.datetime()).hasToString("2021-11-07T02:48:42Z");
            assertThat(e.departmentId()).isEqualTo(2);
            assertThat(e.jobId()).isEqualTo(96);
        });
        assertThat(client.employee(2)).isEmpty();
    }

    @Test
    @Order(3)
    void theMetricsEqualAnIndependentComputationRowForRowAndInOrder() {
        List<HiredByQuarter> rows = client.allHiredByQuarter2021();
        assertThat(rows).hasSize(933);
        assertThat(rows.stream().mapToInt(HiredByQuarter::q1).sum()).isEqualTo(249);
        assertThat(rows.stream().mapToInt(HiredByQuarter::q2).sum()).isEqualTo(454);
        assertThat(rows.stream().mapToInt(HiredByQuarter::q3).sum()).isEqualTo(453);
        assertThat(rows.stream().mapToInt(HiredByQuarter::q4).sum()).isEqualTo(487);
        assertThat(rows).containsExactlyElementsOf(SAMPLE.hiredByQuarter(2021));

        var top = client.topHiringDepartments(1, 50);
        assertThat(top.items()).extracting(t -> t.id()).containsExactly(8, 5, 6, 7, 4, 3, 9);
        assertThat(top.items()).extracting(t -> t.hired()).containsExactly(216L, 205L, 201L, 200L, 185L, 148L, 142L);
        assertThat(top.items()).containsExactlyElementsOf(SAMPLE.topHiringDepartments(2021));
    }

    @Test
    @Order(4)
    void loadingTheSameFilesAgainSkipsThemAndForceLoadsThemAgainChangingNothing() {
        LoadReport skipped = client.load(TableName.EMPLOYEES, 500, false);
        assertThat(skipped.status()).isEqualTo(LoadStatus.SUCCEEDED);
        assertThat(skipped.filesSkipped()).isEqualTo(1);
        assertThat(skipped.rowsRead()).isZero();
        assertThat(skipped.fileReports()).singleElement().satisfies(file -> {
            assertThat(file.file()).isEqualTo("employees/hired_employees.csv");
            assertThat(file.status()).isEqualTo("skipped");
            assertThat(file.etag()).isNotBlank();
        });

        LoadReport again = client.load(TableName.EMPLOYEES, 500, false, true);
        assertThat(again.filesSkipped()).isZero();
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(1929);
        assertThat(again.rejected()).isEqualTo(70);
        assertThat(again.batches()).isEqualTo(4);
        assertThat(again.fileReports()).singleElement().satisfies(file -> {
            assertThat(file.status()).isEqualTo("done");
            assertThat(file.rowsRead()).isEqualTo(1999);
            assertThat(file.unchanged()).isEqualTo(1929);
            assertThat(file.rejected()).isEqualTo(70);
            assertThat(file.resumedFromLine()).isNull();
        });
        assertThat(client.employees(1, 1).total()).isEqualTo(1929);
    }

    @Test
    @Order(5)
    void theLoadHistoryKeepsEveryLoadAndItsRejectedRows() {
        Page<LoadReport> loads = client.loads(1, 10);
        assertThat(loads.total()).isEqualTo(5);
        assertThat(loads.items()).extracting(LoadReport::table)
                .containsExactly("employees", "employees", "employees", "jobs", "departments");
        LoadReport latest = loads.items().get(0);
        assertThat(client.loadById(latest.loadId()).rejectedRows()).hasSize(70);
        Page<RejectedRow> page = client.rejected(latest.loadId(), 2, 50);
        assertThat(page.total()).isEqualTo(70);
        assertThat(page.items()).hasSize(20);
        String csv = api.send(api.request("/loads/" + latest.loadId() + "/rejected", EmbeddedServices.ADMIN_KEY)
                .header("Accept", "text/csv").GET().build()).body();
        assertThat(csv.lines()).hasSize(1 + 70).first().isEqualTo("file,line,raw,reason");
        assertThat(csv).contains("\r\nemployees/hired_employees.csv,2,\"2,Ty Hofer,2021-05-30T05:43:46Z,8,\",line 2: job_id is empty\r\n");
    }

    @Test
    void batchSizeOutOfRangeIsABadRequestThatNamesTheParameter() {
        for (String size : List.of("0", "1001", "x")) {
            HttpResponse<String> response = api.post("/employees/batch?batch_size=" + size, "application/json", "");
            assertThat(response.statusCode()).as(size).isEqualTo(400);
            assertThat(response.body()).contains("\"error\"").contains("batch_size");
        }
    }

    @Test
    void unknownRowsAndPathsAreJson404s() {
        HttpResponse<String> response = api.get("/departments/9999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\"").contains("9999");
        assertThat(api.get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(api.get("/nowhere").body()).startsWith("{").contains("\"error\"");
    }

    @Test
    void pageParametersAreValidated() {
        assertThat(api.get("/employees?page=0").statusCode()).isEqualTo(400);
        assertThat(api.get("/employees?size=1001").body()).contains("size");
        assertThat(api.get("/metrics/hired-by-quarter-2021?limit=abc").statusCode()).isEqualTo(400);
    }
}
