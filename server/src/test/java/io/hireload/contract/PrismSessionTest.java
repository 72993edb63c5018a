package io.hireload.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.support.Api;
import io.hireload.support.ApiDocument;
import io.hireload.support.Await;
import io.hireload.support.ContractTools;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole session of an integrator, good requests and bad, through Stoplight Prism's validating
 * proxy built from the served {@code /openapi}: every operation, every status the server can be
 * brought to answer here. Prism reports what breaks the document in an {@code sl-violations}
 * header. No answer may break it; no good request may break it; and every bad request the server
 * refuses for a rule the document can state must break it too, so the document's bounds are the
 * server's.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@Timeout(600)
class PrismSessionTest {
    private static final String ADMIN = EmbeddedServices.ADMIN_KEY;
    private static final String READER = EmbeddedServices.READER_KEY;
    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api direct;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> exercised = new TreeSet<>();
    private final Set<Integer> statuses = new TreeSet<>();
    private URI proxy;

    @Inject
    PrismSessionTest(WebTarget target) {
        this.direct = new Api(target);
    }

    @Test
    void aBroadSessionThroughPrismBreaksNothingTheDocumentSays() throws Exception {
        ApiDocument document = ApiDocument.served(direct);
        int port = freePort();
        Path log = Files.createTempFile("prism-", ".log");
        Process prism = ContractTools.builder("prism", "proxy", document.file().toString(),
                        direct.request("/", null).build().uri().toString().replaceAll("/$", ""),
                        "--host", "127.0.0.1", "--port", String.valueOf(port), "--errors=false")
                .redirectOutput(log.toFile()).start();
        try {
            proxy = URI.create("http://127.0.0.1:" + port);
            awaitProxy(prism, log);
            session();
        } finally {
            prism.descendants().forEach(ProcessHandle::destroy);
            prism.destroy();
            if (!prism.waitFor(10, TimeUnit.SECONDS)) {
                prism.destroyForcibly();
            }
        }
        assertThat(problems).as("what Prism or the statuses said").isEmpty();
        assertThat(exercised).as("every documented operation was exercised").containsAll(document.operations());
        assertThat(statuses).as("statuses the session brought the server to")
                .contains(200, 201, 202, 400, 401, 403, 404, 409, 410, 413, 415, 422);
    }

    private void session() throws IOException {
        // Service and health, open.
        for (String path : List.of("/", "/health", "/health/live", "/health/ready", "/health-db", "/health-s3")) {
            ok("GET " + path, get(path, null), 200);
        }

        // Loads from S3: synchronous, asynchronous, all tables, and refused ones.
        ok("POST /departments/batch", post("/departments/batch?batch_size=500", ADMIN), 200);
        ok("POST /jobs/batch", post("/jobs/batch?dry_run=true&delimiter=%2C", ADMIN), 200);
        JsonNode first = ok("POST /all-tables/batch", post("/all-tables/batch", ADMIN), 200);
        JsonNode started = ok("POST /employees/batch", post("/employees/batch?async=true", ADMIN), 202);
        awaitFinished(started.path("load_id").asLong());
        JsonNode all = ok("POST /all-tables/batch", post("/all-tables/batch?async=true&dry_run=true&batch_size=100", ADMIN), 202);
        all.path("loads").forEach(load -> awaitFinished(load.path("load_id").asLong()));
        bad("POST /employees/batch", post("/employees/batch?batch_size=0", ADMIN), 400);
        bad("POST /jobs/batch", post("/jobs/batch?delimiter=x", ADMIN), 400);
        bad("POST /jobs/batch", post("/jobs/batch?async=maybe", ADMIN), 400);
        bad("POST /all-tables/batch", post("/all-tables/batch?batch_size=1001", ADMIN), 400);
        ok("POST /departments/batch", post("/departments/batch", READER), 403);
        bad("POST /departments/batch", post("/departments/batch", null), 401);

        // Tables.
        ok("GET /departments", get("/departments", ADMIN), 200);
        ok("GET /departments", get("/departments?page=2&size=5", READER), 200);
        ok("GET /jobs", get("/jobs?size=1000", ADMIN), 200);
        JsonNode employees = ok("GET /employees", get("/employees?size=3", READER), 200);
        ok("GET /employees/{id}", get("/employees/" + employees.path("items").path(0).path("id").asInt(), ADMIN), 200);
        ok("GET /departments/{id}", get("/departments/1", READER), 200);
        ok("GET /jobs/{id}", get("/jobs/1", ADMIN), 200);
        ok("GET /departments/{id}", get("/departments/999999", ADMIN), 404);
        bad("GET /jobs/{id}", get("/jobs/abc", ADMIN), 400);
        bad("GET /employees/{id}", get("/employees/0", ADMIN), 400);
        bad("GET /employees", get("/employees?size=1001", ADMIN), 400);
        ok("GET /employees", get("/employees?name=vogt&department_id=2&job_id=96"
                + "&hired_from=2021-01-01T00%3A00%3A00Z&hired_to=2022-01-01T00%3A00%3A00Z", READER), 200);
        bad("GET /employees", get("/employees?department_id=0", READER), 400);
        bad("GET /employees", get("/employees?page=0", ADMIN), 400);
        ok("GET /employees", get("/employees", "not-a-key"), 401);
        bad("GET /employees", get("/employees", null), 401);

        // The 1..1000-row API.
        ok("POST /departments", send("/departments", ADMIN, "application/json", "[{\"id\": 900, \"department\": \"Audit\"}]"), 200);
        ok("POST /jobs", send("/jobs", ADMIN, "text/csv", "id,job\n900,Auditor\n"), 200);
        ok("POST /employees", send("/employees", ADMIN, "application/json", "[{\"id\": 90000, \"name\": \"Ana Vogt\","
                + " \"datetime\": \"2021-07-27T13:02:08-03:00\", \"department_id\": 900, \"job_id\": 900}]"), 200);
        JsonNode rejected = ok("POST /employees", send("/employees", ADMIN, "application/json", "[{\"id\": 90001,"
                + " \"name\": \"Ty Hofer\", \"datetime\": \"2021-07-27T16:02:08Z\", \"department_id\": 99999, \"job_id\": 900}]"), 200);
        assertThat(rejected.path("rejected").asLong()).as("an unknown department_id is rejected, with 200").isEqualTo(1);
        bad("POST /employees", send("/employees", ADMIN, "application/json", "[{\"id\": 90002, \"name\": \"No Zone\","
                + " \"datetime\": \"2021-07-27T16:02:08\", \"department_id\": 900, \"job_id\": 900}]"), 200);
        ok("POST /employees", send("/employees?dry_run=true&delimiter=%3B", ADMIN, "text/csv",
                "90003;Mia Lund;2021-01-02T03:04:05Z;900;900\n"), 200);
        bad("POST /departments", send("/departments", ADMIN, "application/json", "[]"), 400);
        bad("POST /departments", send("/departments", ADMIN, "application/json", "{\"id\": 1, \"department\": \"x\"}"), 400);
        bad("POST /departments", send("/departments", ADMIN, "application/json", IntStream.rangeClosed(1, 1001)
                .mapToObj(i -> "{\"id\": " + i + ", \"department\": \"d" + i + "\"}").collect(Collectors.joining(",", "[", "]"))), 413);
        bad("POST /departments", send("/departments", ADMIN, "application/xml", "<department id=\"1\"/>"), 415);
        ok("POST /jobs", send("/jobs", READER, "application/json", "[{\"id\": 1, \"job\": \"x\"}]"), 403);

        // The load history.
        long load = first.path("loads").path(2).path("load_id").asLong();
        // Files in the bucket.
        ok("PUT /files/{table}/{name}", put("/files/departments/prism.csv", ADMIN, "9001,Prism\n"), 201);
        ok("PUT /files/{table}/{name}", put("/files/departments/prism.csv?load=true", ADMIN, "9001,Prism\n"), 202);
        bad("PUT /files/{table}/{name}", put("/files/departments/prism.txt", ADMIN, "9001,Prism\n"), 400);
        ok("PUT /files/{table}/{name}", put("/files/departments/prism.csv", READER, "9001,Prism\n"), 403);
        ok("PUT /files/{table}/{name}", put("/files/departments/prism-wrong.csv", ADMIN, "9002,Wrong\n"), 201);
        ok("DELETE /files/{table}/{name}", exchange(request("/files/departments/prism-wrong.csv", READER).DELETE()), 403);
        ok("DELETE /files/{table}/{name}", exchange(request("/files/departments/prism-wrong.csv", ADMIN).DELETE()), 204);
        ok("DELETE /files/{table}/{name}", exchange(request("/files/departments/prism-wrong.csv", ADMIN).DELETE()), 404);
        bad("DELETE /files/{table}/{name}", exchange(request("/files/departments/prism-wrong.txt", ADMIN).DELETE()), 400);
        ok("GET /files", get("/files?table=departments", ADMIN), 200);
        // A file put there by mistake, never loaded: only an admin deletes it.
        ok("PUT /files/{table}/{name}", put("/files/departments/prism-mistake.csv", ADMIN, "9002,Mistake\n"), 201);
        ok("DELETE /files/{table}/{name}", exchange(request("/files/departments/prism-mistake.csv", READER).DELETE()), 403);
        ok("DELETE /files/{table}/{name}", exchange(request("/files/departments/prism-mistake.csv", ADMIN).DELETE()), 204);
        bad("GET /files", get("/files?table=nothing", ADMIN), 400);
        ok("GET /loads", get("/loads", ADMIN), 200);
        ok("GET /loads", get("/loads?page=2&size=2", READER), 200);
        ok("GET /loads/{id}", get("/loads/" + load, ADMIN), 200);
        ok("GET /loads/{id}/rejected", get("/loads/" + load + "/rejected?size=5", READER), 200);
        HttpResponse<String> csv = exchange(request("/loads/" + load + "/rejected?page=2&size=3", ADMIN)
                .header("Accept", "text/csv").GET());
        ok("GET /loads/{id}/rejected", csv, 200);
        assertThat(csv.body()).as("rejected rows as CSV").startsWith("file,line,raw,reason");
        ok("GET /loads/{id}", get("/loads/999999", ADMIN), 404);
        ok("GET /loads/{id}/rejected", get("/loads/999999/rejected", ADMIN), 404);
        bad("GET /loads/{id}", get("/loads/0", ADMIN), 400);
        ok("POST /loads/{id}/cancel", post("/loads/" + load + "/cancel", ADMIN), 409);
        ok("POST /loads/{id}/cancel", post("/loads/999999/cancel", ADMIN), 404);
        ok("POST /loads/{id}/cancel", post("/loads/" + load + "/cancel", READER), 403);

        // Metrics.
        ok("GET /metrics/hired-by-quarter-2021", get("/metrics/hired-by-quarter-2021", READER), 200);
        ok("GET /metrics/hired-by-quarter-2021", get("/metrics/hired-by-quarter-2021?page=2&limit=10", ADMIN), 200);
        ok("GET /metrics/hired-by-quarter", get("/metrics/hired-by-quarter?year=2020", ADMIN), 200);
        ok("GET /metrics/top-hiring-departments", get("/metrics/top-hiring-departments", READER), 200);
        ok("GET /metrics/top-hiring-departments", get("/metrics/top-hiring-departments?year=2021&limit=3", ADMIN), 200);
        bad("GET /metrics/top-hiring-departments", get("/metrics/top-hiring-departments?limit=0", ADMIN), 400);
        bad("GET /metrics/hired-by-quarter", get("/metrics/hired-by-quarter?year=1800", ADMIN), 400);
        bad("GET /metrics/hired-by-quarter-2021", get("/metrics/hired-by-quarter-2021", null), 401);

        // Backups and restores, with each way a restore can be refused.
        ok("POST /backups", post("/backups", ADMIN), 201);
        long departments = ok("POST /backups/{table}", post("/backups/departments", ADMIN), 201).path("id").asLong();
        ok("GET /backups", get("/backups", ADMIN), 200);
        ok("GET /backups", get("/backups?table=jobs&size=2", ADMIN), 200);
        bad("GET /backups", get("/backups?table=nope", ADMIN), 400);
        ok("GET /backups", get("/backups", READER), 403);
        ok("GET /backups/by-id/{id}", get("/backups/by-id/" + departments, ADMIN), 200);
        ok("GET /backups/by-id/{id}", get("/backups/by-id/999999", ADMIN), 404);
        bad("GET /backups/by-id/{id}", get("/backups/by-id/x", ADMIN), 400);
        bad("POST /backups/{table}", post("/backups/nope", ADMIN), 404);
        ok("POST /departments", send("/departments", ADMIN, "application/json", "[{\"id\": 901, \"department\": \"Temp\"}]"), 200);
        ok("POST /employees", send("/employees", ADMIN, "application/json", "[{\"id\": 90004, \"name\": \"Lea Roth\","
                + " \"datetime\": \"2021-03-01T10:00:00Z\", \"department_id\": 901, \"job_id\": 900}]"), 200);
        ok("POST /backups/{table}/restore", send("/backups/departments/restore", ADMIN, "application/json",
                "{\"backup\": " + departments + "}"), 409);
        ok("POST /backups/{table}/restore", send("/backups/jobs/restore", ADMIN, "application/json",
                "{\"backup\": " + departments + "}"), 409);
        ok("POST /backups/{table}/restore", post("/backups/jobs/restore", ADMIN), 200);
        ok("POST /backups/{table}/restore", send("/backups/jobs/restore", ADMIN, "application/json", "{}"), 200);
        ok("POST /backups/{table}/restore", send("/backups/jobs/restore", ADMIN, "application/json", "{\"backup\": 999999}"), 404);
        bad("POST /backups/{table}/restore", send("/backups/jobs/restore", ADMIN, "application/json", "{\"backup\": \"x\"}"), 400);
        bad("POST /backups/{table}/restore", send("/backups/jobs/restore", ADMIN, "application/json", "{\"backup\": 0}"), 400);
        JsonNode gone = ok("POST /backups/{table}", post("/backups/jobs", ADMIN), 201);
        Files.delete(Path.of(gone.path("location").asText()));
        ok("POST /backups/{table}/restore", send("/backups/jobs/restore", ADMIN, "application/json",
                "{\"backup\": " + gone.path("id").asLong() + "}"), 410);
        JsonNode damaged = ok("POST /backups/{table}", post("/backups/jobs", ADMIN), 201);
        Files.writeString(Path.of(damaged.path("location").asText()), "not an Avro file");
        ok("POST /backups/{table}/restore", send("/backups/jobs/restore", ADMIN, "application/json",
                "{\"backup\": " + damaged.path("id").asLong() + "}"), 422);
        ok("POST /backups/{table}/restore", post("/backups/jobs/restore", READER), 403);

        // Named keys and the audit trail.
        JsonNode made = ok("POST /keys", send("/keys", ADMIN, "application/json",
                "{\"name\": \"prism-loader\", \"role\": \"loader\", \"expires_at\": \"2099-01-01T00:00:00Z\"}"), 201);
        ok("POST /keys", send("/keys", ADMIN, "application/json", "{\"name\": \"prism-reader\", \"role\": \"reader\"}"), 201);
        ok("POST /keys", send("/keys", ADMIN, "application/json", "{\"name\": \"Prism-Loader\", \"role\": \"admin\"}"), 409);
        bad("POST /keys", send("/keys", ADMIN, "application/json", "{\"name\": \"eve\", \"role\": \"owner\"}"), 400);
        String loader = made.path("secret").asText();
        ok("GET /keys/me", get("/keys/me", loader), 200);
        ok("GET /keys/me", get("/keys/me", READER), 200);
        ok("POST /departments/batch", post("/departments/batch?dry_run=true", loader), 200);
        ok("POST /keys", send("/keys", loader, "application/json", "{\"name\": \"mallory\", \"role\": \"admin\"}"), 403);
        ok("GET /keys", get("/keys", ADMIN), 200);
        ok("GET /keys", get("/keys?page=1&size=1", loader), 403);
        ok("GET /audit", get("/audit?actor=prism-loader&since=2020-01-01T00%3A00%3A00Z", ADMIN), 200);
        bad("GET /audit", get("/audit?since=yesterday", ADMIN), 400);
        ok("GET /audit", get("/audit", READER), 403);
        ok("DELETE /keys/{id}", exchange(request("/keys/" + made.path("key").path("id").asLong(), loader).DELETE()), 403);
        ok("DELETE /keys/{id}", exchange(request("/keys/" + made.path("key").path("id").asLong(), ADMIN).DELETE()), 204);
        ok("DELETE /keys/{id}", exchange(request("/keys/999999", ADMIN).DELETE()), 404);
        ok("GET /keys/me", get("/keys/me", loader), 401);
    }

    /** A request the document allows: Prism must find nothing wrong with it or its answer. */
    private JsonNode ok(String operation, HttpResponse<String> response, int status) {
        return check(operation, response, status, false);
    }

    /** A request that breaks the document: Prism must say so, and still find nothing wrong with the answer. */
    private JsonNode bad(String operation, HttpResponse<String> response, int status) {
        return check(operation, response, status, true);
    }

    private JsonNode check(String operation, HttpResponse<String> response, int status, boolean badRequest) {
        exercised.add(operation);
        statuses.add(response.statusCode());
        String what = operation + " (" + response.request().uri().getRawPath()
                + (response.request().uri().getRawQuery() == null ? "" : "?" + response.request().uri().getRawQuery()) + ")";
        if (response.statusCode() != status) {
            problems.add(what + ": answered " + response.statusCode() + ", expected " + status + ": " + abbreviate(response.body()));
        }
        List<String> onRequest = new ArrayList<>();
        try {
            JsonNode violations = JSON.readTree(response.headers().firstValue("sl-violations").orElse("[]"));
            for (JsonNode violation : violations) {
                String where = violation.path("location").path(0).asText();
                String text = violation.path("location") + " " + violation.path("message").asText();
                if ("request".equals(where)) {
                    onRequest.add(text);
                } else {
                    problems.add(what + " " + response.statusCode() + ": the answer breaks the document: " + text);
                }
            }
        } catch (IOException e) {
            problems.add(what + ": unreadable sl-violations: " + e.getMessage());
        }
        if (badRequest && onRequest.isEmpty()) {
            problems.add(what + ": the server refused it (" + response.statusCode() + ") but the document allows it");
        }
        if (!badRequest && !onRequest.isEmpty()) {
            problems.add(what + ": the document refuses a request the server serves: " + onRequest);
        }
        if (response.statusCode() >= 400) {
            JsonNode error = json(response);
            if (!error.path("error").isTextual() || !error.path("detail").isTextual()) {
                problems.add(what + ": an error answer without {error, detail}: " + abbreviate(response.body()));
            }
        }
        return json(response);
    }

    private void awaitFinished(long loadId) {
        Await.until("load " + loadId + " to finish", FINISH, () -> Set.of("succeeded", "failed", "interrupted")
                .contains(ok("GET /loads/{id}", get("/loads/" + loadId, ADMIN), 200).path("status").asText()));
    }

    private void awaitProxy(Process prism, Path log) throws IOException {
        try {
            Await.until("prism to listen", Duration.ofSeconds(60), () -> {
                if (!prism.isAlive()) {
                    throw new AssertionError("prism exited with " + prism.exitValue());
                }
                // Refused until it listens: Await looks again.
                http.send(HttpRequest.newBuilder(proxy.resolve("/health/live")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ":\n" + Files.readString(log), e);
        }
    }

    private HttpResponse<String> get(String path, String key) {
        return exchange(request(path, key).GET());
    }

    private HttpResponse<String> post(String path, String key) {
        return exchange(request(path, key).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> put(String path, String key, String body) {
        return exchange(request(path, key).header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(String path, String key, String contentType, String body) {
        return exchange(request(path, key).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(proxy.resolve(path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
