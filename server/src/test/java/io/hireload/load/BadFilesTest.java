package io.hireload.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.embedded.EmbeddedS3;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files nobody checked, against a server with the production heap of 256 MB (ServerProcess's
 * {@code -Xmx256m}): a gzip bomb of one line, a 50 MB line, a truncated gzip stream and plain text
 * named .csv.gz beside the good jobs file; a jobs file dropped into employees/; a quote closed in
 * the middle of a field. Each bad file fails or is rejected alone, with its reason; the rest loads,
 * the answer is the load's report, and the server carries on.
 */
@ExtendWith(EmbeddedServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadFilesTest {
    private static final int MIB = 1 << 20;
    /** The bomb expands to this many bytes of one line: 300 MB from about 300 KB. */
    private static final int BOMB_MIB = 300;
    private static ServerProcess server;
    private static Path scratch;

    @BeforeAll
    static void start() throws IOException {
        scratch = Files.createTempDirectory("hireload-bad-files");
        server = EmbeddedServices.startServer("bad-files", Map.of()).awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (var files = Files.list(scratch)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(scratch);
    }

    @Test
    @Order(1)
    void badFilesBesideTheGoodJobsFileFailOrAreRejectedAloneAndTheAnswerIsTheReport() throws Exception {
        put("jobs/b-bomb.csv.gz", bomb());
        put("jobs/c-one-line.csv", oneLine());
        byte[] jobs = rows(1001, 1400);
        byte[] gzipped = gzip(jobs);
        put("jobs/d-truncated.csv.gz", Arrays.copyOf(gzipped, gzipped.length / 2));
        put("jobs/e-plain.csv.gz", "2001,Not compressed\n".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = api().post("/jobs/batch", "application/json", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = api().parse(answer.body());
        long id = report.get("load_id").asLong();
        JsonNode good = file(report, "jobs/jobs.csv");
        assertThat(good.get("status").asText()).isEqualTo("done");
        assertThat(good.get("inserted").asLong()).isEqualTo(183);

        JsonNode bomb = file(report, "jobs/b-bomb.csv.gz");
        assertThat(bomb.get("status").asText()).isEqualTo("done");
        assertThat(bomb.get("rejected").asLong()).isEqualTo(1);
        JsonNode oneLine = file(report, "jobs/c-one-line.csv");
        assertThat(oneLine.get("status").asText()).isEqualTo("done");
        assertThat(oneLine.get("rejected").asLong()).isEqualTo(1);
        assertThat(rejected(id, "jobs/b-bomb.csv.gz").get("reason").asText())
                .isEqualTo("line 1: the line is " + (long) BOMB_MIB * MIB + " bytes long, more than the 65536 bytes a line "
                        + "may hold (HIRELOAD_MAX_LINE_BYTES); it was not read (is a line end missing?)");
        JsonNode longLine = rejected(id, "jobs/c-one-line.csv");
        assertThat(longLine.get("reason").asText()).contains("the line is " + 50L * MIB + " bytes long");
        assertThat(longLine.get("raw").asText()).startsWith("3001,bbbb").contains(50L * MIB + " bytes in all")
                .hasSizeLessThan(1200);

        JsonNode truncated = file(report, "jobs/d-truncated.csv.gz");
        assertThat(truncated.get("status").asText()).isEqualTo("failed");
        assertThat(truncated.get("error").asText()).startsWith("jobs/d-truncated.csv.gz line ")
                .contains("the gzip stream is cut short or damaged here");
        JsonNode plain = file(report, "jobs/e-plain.csv.gz");
        assertThat(plain.get("status").asText()).isEqualTo("failed");
        assertThat(plain.get("error").asText()).isEqualTo("jobs/e-plain.csv.gz line 1: the file is named .gz but is not "
                + "gzip-compressed (name it .csv, or compress it); the rest of the file was not read");
        assertThat(report.get("error").asText()).startsWith("2 file(s) of this load failed on their content");

        // The rows before the break are kept, and counted as the tables hold them.
        assertThat(count("select count(*) from job")).isEqualTo(183 + truncated.get("inserted").asLong());
        assertThat(count("select count(*) from job where id > 1000")).isEqualTo(truncated.get("inserted").asLong());

        HttpResponse<String> again = api().get("/loads/" + id);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body().length()).isLessThan(1 << 20);
        assertThat(server.logText()).doesNotContain("OutOfMemoryError");
        assertThat(server.alive()).isTrue();
    }

    @Test
    @Order(2)
    void theNextLoadOfAnotherTableRunsAndAQuoteClosedMidFieldFailsItsFileAtThatLine() throws Exception {
        put("departments/x-broken.csv", "201,Alpha\n202,Beta\n203,\"Bro\"ken\"\n204,Delta\n"
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = api().post("/departments/batch", "application/json", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = api().parse(answer.body());
        assertThat(file(report, "departments/departments.csv").get("status").asText()).isEqualTo("done");
        JsonNode broken = file(report, "departments/x-broken.csv");
        assertThat(broken.get("status").asText()).isEqualTo("failed");
        assertThat(broken.get("error").asText()).startsWith("departments/x-broken.csv line 3: the quoted field opened "
                + "on line 3 is followed by 'k'");
        assertThat(broken.get("rows_read").asLong()).isEqualTo(2);
        assertThat(count("select count(*) from department where id in (201, 202)")).as(report.toString()).isEqualTo(2);
        assertThat(count("select count(*) from department where id > 202")).isZero();
    }

    @Test
    @Order(3)
    void aJobsFileInEmployeesWritesNothingAndSaysWhatItLooksLike() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        put("employees/jobs-by-mistake.csv", EmbeddedS3.sample("jobs.csv"));

        HttpResponse<String> answer = api().post("/employees/batch", "application/json", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = api().parse(answer.body());
        JsonNode mistake = file(report, "employees/jobs-by-mistake.csv");
        assertThat(mistake.get("status").asText()).isEqualTo("failed");
        assertThat(mistake.get("error").asText()).isEqualTo("employees/jobs-by-mistake.csv line 1: 5 fields expected for "
                + "employees, found 2: is this a departments or jobs file? (and so in each of its first 5 rows); "
                + "nothing of the file was loaded");
        assertThat(mistake.get("rows_read").asLong()).isZero();
        assertThat(report.get("rejected").asLong()).isZero();
        assertThat(count("select count(*) from employee")).isZero();
        assertThat(count("select count(*) from rejected_row where load_id = " + report.get("load_id").asLong())).isZero();
    }

    @Test
    @Order(4)
    void anUploadNamedGzThatIsNotGzipOrThatIsEmptyIsRefused() {
        HttpResponse<String> plain = api().call("PUT", "/files/jobs/plain.csv.gz", "application/gzip", "2001,Plain\n");
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("not gzip-compressed");
        HttpResponse<String> empty = api().call("PUT", "/files/jobs/empty.csv", "text/csv", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("the body is empty");
        HttpResponse<String> listed = api().get("/files?table=jobs");
        assertThat(listed.body()).doesNotContain("\"jobs/plain.csv.gz\"").doesNotContain("\"jobs/empty.csv\"");
    }

    private static Api api() {
        return server.api();
    }

    private static JsonNode file(JsonNode report, String key) {
        for (JsonNode file : report.get("file_reports")) {
            if (file.get("file").asText().equals(key)) {
                return file;
            }
        }
        throw new AssertionError(key + " is not in " + report);
    }

    private static JsonNode rejected(long loadId, String key) {
        for (JsonNode row : api().json("/loads/" + loadId + "/rejected?size=1000").get("items")) {
            if (row.get("file").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no rejected row of " + key);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void put(String key, byte[] content) {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), key, content);
    }

    private static void put(String key, Path file) {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), key, file);
    }

    /** Hundreds of megabytes of 'a' without a line end, gzipped as they are written. */
    private static Path bomb() throws IOException {
        Path file = scratch.resolve("bomb.csv.gz");
        byte[] chunk = new byte[MIB];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < BOMB_MIB; i++) {
                out.write(chunk);
            }
        }
        return file;
    }

    /** 50 MB of one line without a line end, starting like a row. */
    private static Path oneLine() throws IOException {
        Path file = scratch.resolve("one-line.csv");
        byte[] chunk = new byte[MIB];
        Arrays.fill(chunk, (byte) 'b');
        byte[] start = "3001,".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, chunk, 0, start.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(chunk);
            Arrays.fill(chunk, 0, start.length, (byte) 'b');
            for (int i = 1; i < 50; i++) {
                out.write(chunk);
            }
        }
        return file;
    }

    private static byte[] rows(int from, int to) {
        StringBuilder csv = new StringBuilder();
        for (int id = from; id <= to; id++) {
            csv.append(id).append(",Job number ").append(id).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
