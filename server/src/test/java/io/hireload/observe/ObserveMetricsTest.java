package io.hireload.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.client.HireloadClient;
import io.hireload.model.Json;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's signals on a real server process: Prometheus text at /observe/metrics beside the
 * API's /metrics/..., kept to key holders, counting a run's loads and rows; and JSON log lines with
 * the load id, a failed load among them as a CloudWatch embedded-metric-format document.
 */
@ExtendWith(EmbeddedServices.class)
class ObserveMetricsTest {
    private static ServerProcess server;
    private static Api api;
    private static long failedLoad;

    @BeforeAll
    static void runLoads() throws Exception {
        server = EmbeddedServices.startServer("observe", Map.of("HIRELOAD_LOG_FORMAT", "json"));
        server.awaitReady(Duration.ofSeconds(120));
        api = server.api();
        HireloadClient client = api.client();
        client.load(TableName.DEPARTMENTS, null, false);
        // A database that refuses the rows fails the load (a trigger stands in for a full disk).
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            s.execute("create function refuse() returns trigger language plpgsql as "
                    + "$$ begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$");
            s.execute("create trigger refuse before insert on job for each row execute function refuse()");
        }
        HttpResponse<String> failed = api.post("/jobs/batch", "application/json", "");
        assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);
        failedLoad = client.loads(1, 1).items().get(0).loadId();
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            s.execute("drop trigger refuse on job");
        }
        client.load(TableName.JOBS, null, false);
        client.load(TableName.EMPLOYEES, null, false);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theApiMetricsAndThePrometheusEndpointBothAnswer() {
        HttpResponse<String> api2021 = api.get("/metrics/hired-by-quarter-2021");
        HttpResponse<String> prometheus = scrape(EmbeddedServices.READER_KEY);

        assertThat(api2021.statusCode()).isEqualTo(200);
        assertThat(api2021.body()).contains("\"items\"").contains("\"q1\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }

    @Test
    void prometheusTextNeedsAReaderOrTheAdminKey() {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape(null).headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hireload\"");
        assertThat(scrape("not-a-key").statusCode()).isEqualTo(401);
        assertThat(scrape(EmbeddedServices.ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void countsTheRunsLoadsRowsBatchesAnswersAndPool() {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        String text = scrape(EmbeddedServices.ADMIN_KEY).body();

        assertThat(value(text, "hireload_loads_total", "status=\"succeeded\"")).isEqualTo(3);
        assertThat(value(text, "hireload_loads_total", "status=\"failed\"")).isEqualTo(1);
        assertThat(value(text, "hireload_rows_total", "outcome=\"inserted\"", "table=\"employees\"")).isEqualTo(1929);
        assertThat(value(text, "hireload_rows_total", "outcome=\"rejected\"", "table=\"employees\"")).isEqualTo(70);
        assertThat(value(text, "hireload_rows_total", "outcome=\"inserted\"", "table=\"departments\"")).isEqualTo(12);
        assertThat(value(text, "hireload_batch_duration_seconds_count", "table=\"employees\"")).isPositive();
        assertThat(value(text, "hireload_http_requests_total", "status=\"200\"")).isPositive();
        assertThat(value(text, "hireload_http_requests_total", "status=\"401\"")).isPositive();
        assertThat(value(text, "hikaricp_connections_max", "pool=\"hireload\"")).isEqualTo(16);
        assertThat(text).contains("hikaricp_connections_active{", "hikaricp_connections_idle{",
                "hikaricp_connections_pending{");
    }

    @Test
    void logsAreJsonLinesWithTheLoadIdAndAFailedLoadIsAnEmbeddedMetric() throws Exception {
        List<JsonNode> lines = server.logText().lines()
                .filter(line -> line.startsWith("{"))
                .map(ObserveMetricsTest::parse)
                .toList();

        assertThat(server.logText().lines()).as("no plain-text log lines")
                .noneMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*"));
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.has("level") && line.has("message")).isTrue());
        assertThat(lines).filteredOn(line -> line.path("load_id").asLong() == failedLoad)
                .isNotEmpty()
                .anySatisfy(line -> {
                    assertThat(line.path("LoadsFailed").asInt()).isEqualTo(1);
                    assertThat(line.path("table").asText()).isEqualTo("jobs");
                    assertThat(line.path("message").asText()).contains("out of disk space");
                    JsonNode metric = line.path("_aws").path("CloudWatchMetrics").path(0);
                    assertThat(metric.path("Namespace").asText()).isEqualTo("hireload");
                    assertThat(metric.path("Metrics").path(0).path("Name").asText()).isEqualTo("LoadsFailed");
                    assertThat(line.path("Service").asText()).isEqualTo("hireload");
                });
    }

    private static HttpResponse<String> scrape(String key) {
        return api.send(api.request("/observe/metrics", key).header("Accept", "text/plain").GET().build());
    }

    /** The sum of a metric's samples whose labels contain all of {@code labels}. */
    private static double value(String text, String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
