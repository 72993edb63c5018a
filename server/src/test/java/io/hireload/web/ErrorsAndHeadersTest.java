package io.hireload.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every error and a few answers' headers look like to a client, sent over real HTTP (and a raw
 * socket where a client library would refuse to send it): JSON {@code {error, detail}} for every
 * 4xx including the server's own 413, 414 and 431, details in the API's words, no Host header
 * echoed, no caching of rows, a locked-down docs page.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class ErrorsAndHeadersTest {
    /** What a detail must never show: Java types, Jackson's vocabulary, stack frames, SQL. */
    private static final Pattern IMPLEMENTATION = Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|io\\.hireload|com\\.fasterxml|JsonToken|Feature|Exception|RestoreRequest"
                    + "|\\bat [a-z]+\\.[a-z]+|SQLState|ERROR:|\\bselect\\b|\\binsert into\\b|START_ARRAY|VALUE_STRING");
    private static final String PADDING = "x".repeat(64) + "-padding-marker-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final URI base;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    ErrorsAndHeadersTest(WebTarget target) {
        this.api = new Api(target);
        this.base = target.getUri();
    }

    @BeforeEach
    void captureTheLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aBodyOverOneMebibyteIs413WithTheErrorBodyChunkedOrNotAndIsNotLogged() {
        String rows = "[{\"id\": 1, \"department\": \"x\", \"pad\": \"" + PADDING.repeat(1_100_000 / PADDING.length()) + "\"}]";
        byte[] big = rows.getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(1 << 20);
        for (String path : List.of("/departments", "/employees", "/backups/jobs/restore")) {
            // Sized: refused before it is read; the client waits for "100 Continue" as curl does.
            HttpResponse<String> sized = api.send(api.request(path, EmbeddedServices.ADMIN_KEY).expectContinue(true)
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
            assertError(sized, 413, "larger than 1 MiB");
            // No length known ahead: HttpClient sends it chunked.
            HttpResponse<String> chunked = api.send(api.request(path, EmbeddedServices.ADMIN_KEY)
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
            assertError(chunked, 413, "larger than 1 MiB");
        }
        HttpResponse<String> csv = api.send(api.request("/jobs", EmbeddedServices.ADMIN_KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("1," + PADDING.repeat(1_100_000 / PADDING.length())).getBytes(StandardCharsets.UTF_8)))).build());
        assertError(csv, 413, "larger than 1 MiB");
        assertThat(logged).as("the log holds none of the bodies")
                .noneMatch(r -> text(r).contains("padding-marker"))
                .noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());
    }

    @Test
    void aRequestLineOrHeadersTooLargeGet414And431WithTheErrorBody() {
        HttpResponse<String> uri = api.send(api.request("/departments?name=" + "a".repeat(20_000), EmbeddedServices.ADMIN_KEY)
                .GET().build());
        assertError(uri, 414, "request line is too long");
        HttpResponse<String> headers = api.send(api.request("/departments", EmbeddedServices.ADMIN_KEY)
                .header("X-Large", "b".repeat(20_000)).GET().build());
        assertError(headers, 431, "headers are too large");
    }

    @Test
    void detailsSpeakOfTheApiNeverOfJavaTypesJacksonOrSql() {
        Map<String, String> restoreBodies = Map.of(
                "{\"backup\": \"x\"}", "backup must be",
                "{\"backup\": [1]}", "backup must be",
                "{\"backup\": 1.5}", "backup must be",
                "{\"backup\": 99999999999999999999999}", "backup must be",
                "[1, 2]", "the body must be",
                "{\"backup\": 1", "not valid JSON",
                "{'backup': 1}", "not valid JSON",
                "{\"backup\": 01}", "not valid JSON");
        restoreBodies.forEach((body, detail) -> assertError(api.post("/backups/jobs/restore", "application/json", body),
                400, detail));
        for (String body : List.of("[{\"id\": 1, \"department\": \"x\"", "[{\"id\": 1 /* c */, \"department\": \"x\"}]",
                "[{\"id\": 01, \"department\": \"x\"}]", "[{\"id\": NaN, \"department\": \"x\"}]", "{\"id\": 1}", "\"rows\"",
                "[{\"id\": 1, \"department\": \"x\"}] trailing", "[{\"id\": 1, \"department\": \"\u0000\"\u0001}]")) {
            HttpResponse<String> answer = api.post("/departments", "application/json", body);
            assertThat(answer.statusCode()).as(body).isBetween(200, 499);
            if (answer.statusCode() >= 400) {
                assertError(answer, answer.statusCode(), "");
            }
        }
        for (String path : List.of("/departments/abc", "/employees?page=x", "/loads/99999999999", "/metrics/hired-by-quarter?year=3000",
                "/backups?table=nope", "/backups/by-id/-1")) {
            HttpResponse<String> answer = api.get(path);
            assertError(answer, 400, "");
        }
        assertError(api.get("/backups/by-id/424242"), 404, "no backup 424242");
        assertError(api.post("/departments", "application/xml", "<a/>"), 415, "application/json or text/csv");
    }

    @Test
    void locationHeadersAreRelativeWhateverHostTheRequestNames() throws IOException {
        String answer = raw("POST /jobs/batch?async=true&dry_run=true HTTP/1.1\r\nHost: evil.example:666\r\n"
                + "Authorization: Bearer " + EmbeddedServices.ADMIN_KEY + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 202");
        assertThat(header(answer, "Location")).matches("/loads/\\d+");
        String backup = raw("POST /backups/jobs HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer "
                + EmbeddedServices.ADMIN_KEY + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(backup).startsWith("HTTP/1.1 201");
        String location = header(backup, "Location");
        assertThat(location).matches("/backups/by-id/\\d+");
        HttpResponse<String> followed = api.get(location);
        assertThat(followed.statusCode()).isEqualTo(200);

        String legacy = location.replace("/by-id", "");
        HttpResponse<String> moved = api.get(legacy);
        assertThat(moved.statusCode()).as("the pre-0.2 path redirects").isEqualTo(308);
        assertThat(moved.headers().firstValue("Location")).contains(location);
    }

    @Test
    void answersThatCarryRowsAreNeverCached() {
        api.post("/departments", "application/json", "[{\"id\": 77, \"department\": \"Audit\"}]");
        for (String path : List.of("/departments", "/departments/77", "/employees", "/loads", "/loads/1",
                "/loads/1/rejected", "/metrics/hired-by-quarter-2021", "/departments/99999")) {
            HttpResponse<String> answer = api.get(path);
            assertThat(answer.headers().firstValue("Cache-Control")).as(path).contains("no-store");
        }
        HttpResponse<String> report = api.post("/employees", "application/json", "[{\"id\": 1, \"name\": \"Ann\","
                + " \"datetime\": \"2021-01-01T00:00:00Z\", \"department_id\": 77, \"job_id\": 5}]");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("\"rejected_rows\"");
        assertThat(report.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void theDocsPageMayNotBeFramedAndRunsOnlyItsOwnScripts() throws Exception {
        // Helidon serves browsers (Accept: text/html) its own page, other clients SmallRye's: both must run.
        for (String accept : List.of("text/html,application/xhtml+xml", "*/*")) {
            HttpResponse<String> page = api.send(api.request("/openapi/ui/index.html", null).header("Accept", accept).GET().build());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("frame-ancestors 'none'").contains("default-src 'self'")
                    .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
            Matcher inline = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
            int scripts = 0;
            while (inline.find()) {
                scripts++;
                String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(inline.group(1).getBytes(StandardCharsets.UTF_8)));
                assertThat(policy).as("the page's inline script (Accept: " + accept + ") is allowed by its hash;"
                        + " update ServerRouting.DOCS_POLICY").contains("'sha256-" + hash + "'");
            }
            assertThat(scripts).as(accept).isPositive();
        }
        HttpResponse<String> json = api.get("/departments");
        assertThat(json.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(json.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void theDatabaseCheckTellsTheVersionNotTheBuild() throws IOException {
        HttpResponse<String> health = api.send(api.request("/health-db", null).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        // Exactly the contract's fields: nothing the record computes (HealthAnswer.up()) leaks in.
        assertThat(JSON.readTree(health.body()).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("status", "component", "detail", "files");
        String detail = JSON.readTree(health.body()).path("detail").asText();
        assertThat(detail).matches("PostgreSQL \\d+(\\.\\d+)?").doesNotContain("compiled", "gcc", "x86");
    }

    private void assertError(HttpResponse<String> answer, int status, String detailPart) {
        String what = answer.request().method() + " " + abbreviate(answer.request().uri().toString());
        assertThat(answer.statusCode()).as(what + ": " + abbreviate(answer.body())).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + answer.body(), e);
        }
        assertThat(body.path("error").isTextual()).as(what + " error: " + answer.body()).isTrue();
        String detail = body.path("detail").asText();
        assertThat(detail).as(what + " detail").isNotBlank().contains(detailPart);
        assertThat(IMPLEMENTATION.matcher(detail).find()).as(what + " detail names the implementation: " + detail).isFalse();
    }

    /** One request on a socket of its own, as a client that sets Host itself would send it. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The status line and headers are enough; the body is not awaited.
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            for (int b; (b = in.read()) >= 0; ) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith(name.toLowerCase(java.util.Locale.ROOT) + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + name + " header in:\n" + response);
    }

    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
