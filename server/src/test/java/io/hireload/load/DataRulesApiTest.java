package io.hireload.load;

import io.hireload.client.HireloadClient;
import io.hireload.model.Employee;
import io.hireload.model.Json;
import io.hireload.model.LoadReport;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.SampleDepartmentsAndJobs;
import io.hireload.support.HostileRows;
import io.hireload.support.HostileRows.Row;
import io.hireload.support.Property;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data rules (SPEC section 2) on every way in: a JSON body, a CSV body and an S3 load. Hostile
 * rows beside good ones are rejected with a reason a person can act on, the good ones land and
 * read back exactly, the answer is 200 and the load succeeds; then the same holds for random
 * rows, request after request.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@SampleDepartmentsAndJobs
class DataRulesApiTest {
    /** A good row first and last, hostile ones between: none may cost the others. */
    private static final String[][] MIXED = {
            {"8001", "Zo\u00EB e\u0301 \uD83D\uDC69\u200D\uD83D\uDCBB", "1900-01-01T00:00:00Z", "1", "1"},
            {"8002", "Ann", "+99999-03-01T10:00:00Z", "1", "1"},
            {"8003", "Ann", "0001-03-01T00:00:00Z", "1", "1"},
            {"8004", "Ann", "1582-10-10T00:00:00Z", "1", "1"},
            {"8005", "Ann", "2021-07-27T16:02:08.1234567Z", "1", "1"},
            {"8006", "A\uD800nn", "2021-07-27T16:02:08Z", "1", "1"},
            {"8007", "A\u0000nn", "2021-07-27T16:02:08Z", "1", "1"},
            {"8008", "Ann", "2021-07-27T16:02:08", "1", "1"},
            {"2147483648", "Ann", "2021-07-27T16:02:08Z", "1", "1"},
            {"8009", "\uD83D\uDE00".repeat(256), "2021-07-27T16:02:08Z", "1", "1"},
            {"8010", "\uD83D\uDE00".repeat(255), "2199-12-31T23:59:59.999999Z", "2", "2"},
            {"8011", "O'Boyle, \"Jr.\"\n\\.\nnext line", "1969-12-31T23:59:59.999999-03:00", "3", "3"},
    };
    /** What the mixed rows must become: the stored instant of a good row, the reason of a bad one. */
    private static final Map<Integer, String> VERDICTS = new LinkedHashMap<>();

    static {
        VERDICTS.put(1, "1900-01-01T00:00:00Z");
        VERDICTS.put(2, "datetime +99999-03-01T10:00:00Z is after 2199-12-31 (allowed: 1900 to 2199, UTC)");
        VERDICTS.put(3, "datetime 0001-03-01T00:00:00Z is before 1900-01-01 (allowed: 1900 to 2199, UTC)");
        VERDICTS.put(4, "datetime 1582-10-10T00:00:00Z is before 1900-01-01 (allowed: 1900 to 2199, UTC)");
        VERDICTS.put(5, "datetime 2021-07-27T16:02:08.1234567Z has 7 fractional digits (at most 6: microseconds)");
        VERDICTS.put(6, null);
        VERDICTS.put(7, "name contains a NUL character (U+0000) at character 2");
        VERDICTS.put(8, "datetime has no time zone: '2021-07-27T16:02:08' (add Z or an offset such as -03:00)");
        VERDICTS.put(9, "id is too large: 2147483648 (at most 2147483647)");
        VERDICTS.put(10, "name is longer than 255 characters (256)");
        VERDICTS.put(11, "2199-12-31T23:59:59.999999Z");
        VERDICTS.put(12, "1970-01-01T02:59:59.999999Z");
    }

    private final Api api;
    private final HireloadClient client;

    @Inject
    DataRulesApiTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @BeforeEach
    void theSampleEmployeesAreLoaded() {
        client.load(TableName.EMPLOYEES, null, false);
    }

    @Test
    void hostileJsonRowsAreRejectedWithReasonsAndTheGoodOnesBesideThemLand() {
        StringBuilder body = new StringBuilder("[");
        for (String[] f : MIXED) {
            body.append(body.length() == 1 ? "" : ",").append("{\"id\": ").append(f[0]).append(", \"name\": ")
                    .append(HostileRows.quote(f[1])).append(", \"datetime\": \"").append(f[2])
                    .append("\", \"department_id\": ").append(f[3]).append(", \"job_id\": ").append(f[4]).append('}');
        }
        LoadReport report = post("/employees", "application/json", body.append(']').toString().getBytes(StandardCharsets.US_ASCII));
        assertMixed(report, "item ", "not valid Unicode: a lone UTF-16 surrogate \\ud800 at character 2 (a surrogate must be half of a pair)");
    }

    @Test
    void hostileCsvRowsAreRejectedWithReasonsAndTheGoodOnesBesideThemLand() {
        LoadReport report = post("/employees", "text/csv", mixedCsv());
        assertMixed(report, "line ", "not valid UTF-8: bytes that are not UTF-8 at character 2 (save the file as UTF-8)");
    }

    @Test
    void aHostileRowInAnS3FileIsRejectedAndTheRestOfTheFileStillLoads() {
        onlyInTheBucket("employees/zz-hostile.csv", mixedCsv());
        long before = client.employees(1, 1).total();

        LoadReport report = client.load(TableName.EMPLOYEES, 5, false);

        assertThat(report.status().wire()).isEqualTo("succeeded");
        assertThat(report.error()).isNull();
        assertMixed(report, "line ", "not valid UTF-8: bytes that are not UTF-8 at character 2 (save the file as UTF-8)");
        assertThat(client.employees(1, 1).total()).isEqualTo(before + report.inserted());
        assertThat(client.rejected(report.loadId(), 1, 100).items()).extracting(RejectedRow::file)
                .containsOnly("employees/zz-hostile.csv");
        onlyInTheBucket(null, null);
    }

    @Test
    void textThatCannotBeStoredIsShownWithAReplacementCharacterInTheRejectedRowsNeverAsQuestionMarks() {
        LoadReport report = post("/departments", "application/json",
                "[{\"id\": 77, \"department\": \"R\\ud800D\"}, {\"id\": 78, \"department\": \"R\\u0000D\"}]"
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(report.rejectedRows()).extracting(RejectedRow::raw)
                .containsExactly("{\"id\":77,\"department\":\"R\uFFFDD\"}", "{\"id\":78,\"department\":\"R\\u0000D\"}");
        HttpResponse<String> csv = api.send(api.request("/loads/" + report.loadId() + "/rejected", EmbeddedServices.ADMIN_KEY)
                .header("Accept", "text/csv").GET().build());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("R\uFFFDD").doesNotContain("R?D");
    }

    // ---- properties ----------------------------------------------------------------------

    @Test
    void randomJsonBodiesNeverAnswer5xxAndWhatIsAcceptedReadsBackExactly() {
        Map<Integer, Boolean> known = employeeIds();
        Property.check("random JSON bodies through POST /employees", 13_4001L, 40, random -> {
            List<Row> rows = HostileRows.rows(random, 12);
            byte[] body = HostileRows.json(rows).getBytes(StandardCharsets.US_ASCII);
            long before = client.employees(1, 1).total();
            LoadReport report = post("/employees", "application/json", body);
            holds(rows, report, known, before, lines(rows, false), "item ");
        });
    }

    @Test
    void randomCsvBodiesNeverAnswer5xxAndWhatIsAcceptedReadsBackExactly() {
        Map<Integer, Boolean> known = employeeIds();
        Property.check("random CSV bodies through POST /employees", 13_4002L, 40, random -> {
            List<Row> rows = HostileRows.rows(random, 12);
            long before = client.employees(1, 1).total();
            LoadReport report = post("/employees", "text/csv", HostileRows.csv(rows));
            holds(rows, report, known, before, lines(rows, true), "line ");
        });
    }

    @Test
    void randomS3FilesNeverFailALoadAndWhatIsAcceptedReadsBackExactly() {
        Map<Integer, Boolean> known = employeeIds();
        int[] file = {0};
        try {
            Property.check("random CSV files through an S3 load", 13_4003L, 15, random -> {
                List<Row> rows = HostileRows.rows(random, 12);
                onlyInTheBucket("employees/zz-random-" + (file[0]++) + ".csv", HostileRows.csv(rows));
                long before = client.employees(1, 1).total();
                LoadReport report = client.load(TableName.EMPLOYEES, 1 + random.nextInt(5), false);
                assertThat(report.status().wire()).isEqualTo("succeeded");
                assertThat(report.error()).isNull();
                holds(rows, report, known, before, lines(rows, true), "line ");
            });
        } finally {
            onlyInTheBucket(null, null);
        }
    }

    /**
     * Leaves {@code key} the one employee object in the bucket (none when null), so a load reads
     * it alone: every S3 load reads every object under the table's prefix.
     */
    private static void onlyInTheBucket(String key, byte[] content) {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/zz-hostile.csv");
        for (int i = 0; i < 20; i++) {
            EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/zz-random-" + i + ".csv");
        }
        if (key != null) {
            EmbeddedServices.s3().put(EmbeddedServices.bucket(), key, content);
        }
    }

    /**
     * What every request must do with {@code rows}: reject exactly the rows that break a rule (or
     * repeat an id, or name an unknown department or job), each with a reason; insert the new ids
     * and only them; store every accepted row so it reads back exactly.
     */
    private void holds(List<Row> rows, LoadReport report, Map<Integer, Boolean> known, long before, List<Long> lines,
                       String unit) {
        Set<Integer> seen = new HashSet<>();
        Map<Integer, Row> accepted = new HashMap<>();
        Set<Long> rejectedLines = new java.util.TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.valid() && seen.add(row.idValue()) && row.referencesExist()) {
                accepted.put(row.idValue(), row);
            } else {
                rejectedLines.add(lines.get(i));
            }
        }
        long inserted = accepted.keySet().stream().filter(id -> known.put(id, true) == null).count();
        assertThat(report.rejectedRows()).allSatisfy(r -> assertThat(r.reason())
                .startsWith(unit + r.line() + ": ").hasSizeGreaterThan((unit + r.line() + ": ").length() + 5)
                .doesNotContain("java.", "Exception", "ERROR:"));
        assertThat(report.rejectedRows()).extracting(RejectedRow::line).as("rejected rows of %s", rows)
                .containsExactlyInAnyOrderElementsOf(rejectedLines);
        assertThat(report.rejected()).isEqualTo(rejectedLines.size());
        assertThat(report.inserted()).as("inserted of %s", rows).isEqualTo(inserted);
        assertThat(report.inserted() + report.updated() + report.unchanged()).isEqualTo(accepted.size());
        assertThat(client.employees(1, 1).total()).isEqualTo(before + report.inserted());
        accepted.forEach((id, row) -> assertThat(client.employee(id).map(Employee::withoutNames))
                .as("employee %d of %s", id, row).contains(
                new Employee(id, (String) row.name().expected(), (Instant) row.datetime().expected(),
                        (Integer) row.departmentId().expected(), (Integer) row.jobId().expected())));
    }

    /** The line (CSV, where a quoted line break moves the next row down) or item each row starts at. */
    private static List<Long> lines(List<Row> rows, boolean csv) {
        List<Long> lines = new ArrayList<>();
        long line = 1;
        for (Row row : rows) {
            lines.add(csv ? line : lines.size() + 1L);
            line += lineBreaks(new String(HostileRows.csv(List.of(row)), StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** Line breaks as a CSV reader counts them: CRLF, LF or CR alone. */
    private static long lineBreaks(String text) {
        return text.replace("\r\n", "\n").chars().filter(c -> c == '\n' || c == '\r').count();
    }

    private Map<Integer, Boolean> employeeIds() {
        Map<Integer, Boolean> ids = new HashMap<>();
        for (int page = 1; ; page++) {
            var items = client.employees(page, 1000).items();
            items.forEach(e -> ids.put(e.id(), true));
            if (items.size() < 1000) {
                return ids;
            }
        }
    }

    private void assertMixed(LoadReport report, String unit, String badText) {
        Map<Long, String> reasons = new TreeMap<>();
        report.rejectedRows().forEach(r -> reasons.put(r.line(), r.reason()));
        Map<Long, String> expected = new TreeMap<>();
        for (Map.Entry<Integer, String> verdict : VERDICTS.entrySet()) {
            long line = verdict.getKey();
            String v = verdict.getValue() == null ? "name is " + badText : verdict.getValue();
            if (!v.matches("\\d{4}-.*")) {
                expected.put(line, unit + line + ": " + v);
            }
        }
        assertThat(reasons).isEqualTo(expected);
        assertThat(report.inserted() + report.updated() + report.unchanged()).isEqualTo(3);
        for (Map.Entry<Integer, String> verdict : VERDICTS.entrySet()) {
            String v = verdict.getValue();
            if (v != null && v.matches("\\d{4}-.*")) {
                String[] f = MIXED[verdict.getKey() - 1];
                int id = Integer.parseInt(f[0]);
                assertThat(client.employee(id).map(Employee::withoutNames)).contains(new Employee(id, f[1],
                        Instant.parse(v), Integer.parseInt(f[3]), Integer.parseInt(f[4])));
            }
        }
    }

    /** The mixed rows as CSV, the lone surrogate sent as a byte that is not UTF-8. */
    private static byte[] mixedCsv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] f : MIXED) {
            String line = f[0] + ",\"" + f[1].replace("\"", "\"\"") + "\"," + f[2] + "," + f[3] + "," + f[4] + "\r\n";
            int lone = line.indexOf('\uD800');
            if (lone >= 0) {
                out.writeBytes(line.substring(0, lone).getBytes(StandardCharsets.UTF_8));
                out.write(0xFF);
                line = line.substring(lone + 1);
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private LoadReport post(String path, String type, byte[] body) {
        HttpResponse<String> response = api.send(api.request(path, EmbeddedServices.ADMIN_KEY)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return Json.mapper().readValue(response.body(), LoadReport.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
