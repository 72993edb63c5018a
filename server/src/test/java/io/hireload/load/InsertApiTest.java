package io.hireload.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.embedded.EmbeddedS3;
import io.hireload.model.Json;
import io.hireload.model.LoadReport;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.SampleDepartmentsAndJobs;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The challenge's 1..1000-row API through real HTTP: JSON and CSV bodies, the limits, the rules. */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@SampleDepartmentsAndJobs
class InsertApiTest {
    private static final List<String> SAMPLE_LINES =
            new String(EmbeddedS3.sample("hired_employees.csv"), StandardCharsets.UTF_8).lines().toList();

    private final Api api;
    private final HireloadClient client;

    @Inject
    InsertApiTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    void aCsvBodyWithOnlyAHeaderHoldsNoRows() {
        assertThat(api.post("/employees", "text/csv", "id,name,datetime,department_id,job_id\n").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theFirstThousandAsJsonAndTheRestAsCsvAnswerTheChallengesCounts() {
        String json = jsonOf(SAMPLE_LINES.subList(0, 1000));
        LoadReport first = post("/employees", "application/json", json);
        assertThat(first.inserted() + first.unchanged()).isEqualTo(967);
        assertThat(first.rejected()).isEqualTo(33);
        assertThat(first.rejectedRows()).allSatisfy(r ->
                assertThat(r.reason()).matches("item \\d+: (name|datetime|department_id|job_id) is empty.*"));
        assertThat(first.rejectedRows().get(0).line()).isEqualTo(2);
        assertThat(first.rejectedRows().get(0).reason()).isEqualTo("item 2: job_id is empty");

        String csv = String.join("\r\n", SAMPLE_LINES.subList(1000, 1999));
        LoadReport second = post("/employees", "text/csv", csv);
        assertThat(second.inserted() + second.unchanged()).isEqualTo(962);
        assertThat(second.rejected()).isEqualTo(37);
        assertThat(second.rejectedRows()).extracting(RejectedRow::reason).allMatch(r -> r.startsWith("line "));
        assertThat(client.employees(1, 1).total()).isEqualTo(1929);
    }

    /**
     * Reference ids of any size: below 65,536 a batch looks them up in bit sets, from there by
     * binary search; a batch with both kinds, known and unknown, is judged row by row either way.
     * Dry runs, so the employee table keeps the counts the other tests expect.
     */
    @Test
    void departmentAndJobIdsOfAnySizeAreCheckedAgainstTheDatabase() {
        post("/departments", "application/json", """
                [{"id": 70000, "department": "Far"}, {"id": 2147483647, "department": "Farthest"}]""");
        post("/jobs", "application/json", """
                [{"id": 65535, "job": "Edge"}, {"id": 65536, "job": "Past the edge"}]""");
        String body = """
                [{"id": 9101, "name": "A", "datetime": "2021-01-01T00:00:00Z", "department_id": 70000, "job_id": 65535},
                 {"id": 9102, "name": "B", "datetime": "2021-01-01T00:00:00Z", "department_id": 2147483647, "job_id": 65536},
                 {"id": 9103, "name": "C", "datetime": "2021-01-01T00:00:00Z", "department_id": 70001, "job_id": 65536},
                 {"id": 9104, "name": "D", "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 65537},
                 {"id": 9105, "name": "E", "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 1}]""";
        LoadReport mixed = post("/employees?dry_run=true", "application/json", body);
        assertThat(mixed.inserted()).isEqualTo(3);
        assertThat(mixed.rejectedRows()).extracting(r -> r.reason())
                .containsExactly("item 3: unknown department_id 70001", "item 4: unknown job_id 65537");
        LoadReport small = post("/employees?dry_run=true", "application/json", """
                [{"id": 9106, "name": "F", "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 65535},
                 {"id": 9107, "name": "G", "datetime": "2021-01-01T00:00:00Z", "department_id": 12, "job_id": 65534}]""");
        assertThat(small.inserted()).isEqualTo(1);
        assertThat(small.rejectedRows()).extracting(r -> r.reason()).containsExactly("item 2: unknown job_id 65534");
    }

    @Test
    void moreThanAThousandRowsIs413AndNothingIsWritten() {
        long before = client.loads(1, 1).total();
        HttpResponse<String> response = api.post("/employees", "application/json", jsonOf(SAMPLE_LINES.subList(0, 1000))
                .replaceFirst("]$", "," + jsonOf(List.of("5000,Extra Row,2021-01-01T00:00:00Z,1,1")).substring(1)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("at most 1000 rows");
        assertThat(api.post("/jobs", "text/csv", csvJobs(1001)).statusCode()).isEqualTo(413);
        assertThat(api.post("/jobs", "text/csv", csvJobs(1000) + "\n\n,\n").statusCode()).isEqualTo(200);
        assertThat(client.loads(1, 1).total()).isEqualTo(before + 1);
    }

    @Test
    void emptyMalformedAndForeignBodiesAreClear4xxs() {
        assertThat(api.post("/departments", "application/json", "[]").statusCode()).isEqualTo(400);
        assertThat(api.post("/departments", "application/json", "[{}, {}]").body()).contains("no rows");
        assertThat(api.post("/departments", "text/csv", "\n ,\n").statusCode()).isEqualTo(400);
        HttpResponse<String> broken = api.post("/departments", "application/json", "[{\"id\": 1,");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("not valid JSON");
        assertThat(api.post("/departments", "application/json", "{\"id\": 1}").body()).contains("JSON array");
        HttpResponse<String> xml = api.post("/departments", "application/xml", "<a/>");
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(xml.body()).contains("\"error\"");
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String huge = "[{\"id\": 1, \"department\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}]";
        HttpResponse<String> response = api.post("/departments", "application/json", huge);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void eachBrokenRuleRejectsOnlyItsRowWithAReason() {
        String body = """
                [{"id": "x", "name": "A", "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 1},
                 {"id": 9001, "name": "B", "datetime": "2021-11-07T02 48 42Z", "department_id": 1, "job_id": 1},
                 {"id": 9002, "name": "C", "datetime": "2021-01-01T00:00:00Z", "department_id": 13, "job_id": 1},
                 {"id": 9003, "name": "%s", "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 1},
                 {"id": 9004, "name": "D", "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 1},
                 {"id": 9004, "name": "E", "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 1},
                 {"id": 9005, "name": 42, "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 1},
                 {"id": 9006, "datetime": "2021-01-01T00:00:00Z", "department_id": 1, "job_id": 1},
                 {"id": 9007, "name": "F", "datetime": "2021-07-27T13:02:08-03:00", "department_id": 1, "job_id": 1}]
                """.formatted("n".repeat(256));
        LoadReport report = post("/employees", "application/json", body);
        assertThat(report.inserted()).isEqualTo(2);
        Map<Long, String> reasons = new java.util.TreeMap<>();
        report.rejectedRows().forEach(r -> reasons.put(r.line(), r.reason()));
        assertThat(reasons).containsExactly(
                Map.entry(1L, "item 1: id is not an integer: 'x'"),
                Map.entry(2L, "item 2: datetime is not an ISO-8601 date and time: '2021-11-07T02 48 42Z' (expected like 2021-07-27T16:02:08Z)"),
                Map.entry(3L, "item 3: unknown department_id 13"),
                Map.entry(4L, "item 4: name is longer than 255 characters (256)"),
                Map.entry(6L, "item 6: duplicate id 9004, first seen at item 5"),
                Map.entry(7L, "item 7: name must be a string, not a number (42)"),
                Map.entry(8L, "item 8: name is empty"));
        assertThat(client.employee(9007)).get().satisfies(e -> assertThat(e.datetime()).hasToString("2021-07-27T16:02:08Z"));
        assertThat(client.employee(9004)).get().satisfies(e -> assertThat(e.name()).isEqualTo("D"));
    }

    @Test
    void hostileTextIsStoredVerbatim() {
        long employees = client.employees(1, 1).total();
        String body = """
                [{"id": 7001, "department": "O'Boyle"},
                 {"id": 7002, "department": "Robert'); DROP TABLE employee;--"},
                 {"id": 7003, "department": "<script>alert(1)</script> \\u00e9\\u4e2d"}]""";
        assertThat(post("/departments", "application/json", body).inserted()).isEqualTo(3);
        assertThat(client.department(7001)).get().extracting(d -> d.department()).isEqualTo("O'Boyle");
        assertThat(client.department(7002)).get().extracting(d -> d.department()).isEqualTo("Robert'); DROP TABLE employee;--");
        assertThat(client.department(7003)).get().extracting(d -> d.department()).isEqualTo("<script>alert(1)</script> é中");
        assertThat(client.employees(1, 1).total()).as("the employee table is still there, every row of it").isEqualTo(employees);
    }

    @Test
    void aDryRunAnswersTheFullReportAndWritesNothing() {
        long before = client.jobs(1, 1).total();
        LoadReport report = post("/jobs?dry_run=true", "text/csv", "id;job\n900;Tester\n901;\n902;Writer\n");
        assertThat(report.dryRun()).isTrue();
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(client.jobs(1, 1).total()).isEqualTo(before);
        assertThat(client.job(900)).isEmpty();
    }

    @Test
    void postingTheSameRowsAgainUpdatesOnlyWhatChanged() {
        post("/departments", "application/json", "[{\"id\": 50, \"department\": \"Audit\"}, {\"id\": 51, \"department\": \"Legal\"}]");
        LoadReport again = post("/departments", "application/json",
                "[{\"id\": 50, \"department\": \"Audit\"}, {\"id\": 51, \"department\": \"Legal Affairs\"}]");
        assertThat(again.inserted()).isZero();
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.updated()).isEqualTo(1);
        assertThat(client.department(51)).get().extracting(d -> d.department()).isEqualTo("Legal Affairs");
    }

    @Test
    void randomBodiesNeverGetA500() {
        Random random = new Random(7);
        String seed = "[{\"id\": 1, \"department\": \"Supply Chain\"}, {\"id\": 2, \"department\": \"x\"}]";
        for (int i = 0; i < 300; i++) {
            String body = io.hireload.rows.FuzzTestAccess.mutate(i % 2 == 0 ? seed : "1,Supply Chain\n2;\"x\"\n", random);
            HttpResponse<String> response = api.post("/departments", i % 2 == 0 ? "application/json" : "text/csv", body);
            assertThat(response.statusCode()).as(body).isIn(200, 400, 413);
            assertThat(response.body()).as(body).startsWith("{");
        }
    }

    @Test
    void theTypedClientSurfacesTheServersMessage() {
        assertThatThrownBy(() -> client.insert(TableName.DEPARTMENTS, List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().detail()).contains("no rows");
                });
    }

    private LoadReport post(String path, String type, String body) {
        HttpResponse<String> response = api.post(path, type, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return Json.mapper().readValue(response.body(), LoadReport.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String jsonOf(List<String> csvLines) {
        ArrayNode array = Json.mapper().createArrayNode();
        String[] names = {"id", "name", "datetime", "department_id", "job_id"};
        for (String line : csvLines) {
            String[] f = Arrays.copyOf(line.split(",", -1), 5);
            ObjectNode row = array.addObject();
            for (int i = 0; i < 5; i++) {
                if (f[i] == null || f[i].isEmpty()) {
                    row.putNull(names[i]);
                } else if (i == 0 || i >= 3) {
                    row.put(names[i], Integer.parseInt(f[i]));
                } else {
                    row.put(names[i], f[i]);
                }
            }
        }
        return array.toString();
    }

    private static String csvJobs(int rows) {
        StringBuilder csv = new StringBuilder("id,job\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(1000 + i).append(",Job ").append(i).append('\n');
        }
        return csv.toString();
    }
}
