package io.hireload.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.client.HireloadClient;
import io.hireload.model.FileReport;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator cancels a load of a million employees on the instance that does not work it (two
 * server JVMs on one database, as two ECS tasks): the worker on the other instance hears it
 * (NOTIFY; the poll is far longer than the test), lets its batches in flight commit, starts
 * nothing new, and the load ends {@code cancelled} with counters equal to the table's rows; its
 * object is not marked loaded, so the next load continues it after its last committed line and
 * brings the table to the full count. A queued load is cancelled at once; an ended one answers 409,
 * a second cancel too; an unknown one 404. Both instances log every load's start and end as JSON
 * lines carrying its id.
 */
@ExtendWith(EmbeddedServices.class)
class CancelLoadTest {
    private static final int ROWS = 1_000_000;
    private static final String OBJECT = "employees/million.csv";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Only NOTIFY (and the lease beat) can tell a worker of a cancel or of new work within the test. */
    private static final Map<String, String> SETTINGS = Map.of("hireload.load.poll-seconds", "3600",
            "HIRELOAD_LOG_FORMAT", "json");

    @Test
    void aLoadCancelledOnAnotherInstanceEndsCancelledWithTheTablesCountsAndTheNextLoadFinishesIt() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        GeneratedEmployees.write(EmbeddedServices.bucketFolder().resolve(OBJECT), 1, ROWS);
        try (ServerProcess a = start("a"); ServerProcess b = start("b")) {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofSeconds(120))),
                    CompletableFuture.runAsync(() -> b.awaitReady(Duration.ofSeconds(120)))).join();
            Map<String, ServerProcess> servers = Map.of("a", a, "b", b);
            HireloadClient onA = a.api().client();
            onA.load(TableName.DEPARTMENTS, null, false);
            onA.load(TableName.JOBS, null, false);

            long id = onA.startLoad(TableName.EMPLOYEES, null, false).loadId();
            // A second load of the table waits its turn: cancelled while queued, it ends at once.
            LoadReport queued = onA.startLoad(TableName.EMPLOYEES, null, false);
            assertThat(queued.status()).isEqualTo(LoadStatus.QUEUED);
            HttpResponse<String> cancelQueued = cancel(b, queued.loadId());
            assertThat(cancelQueued.statusCode()).as(cancelQueued.body()).isEqualTo(202);
            assertThat(JSON.readTree(cancelQueued.body()).path("status").asText()).isEqualTo("cancelled");

            String worker = Await.value("100,000 rows of load " + id + " committed", Duration.ofSeconds(180),
                    () -> committedBy(id, 100_000));
            ServerProcess other = servers.get(worker.equals("a") ? "b" : "a");
            long cancelledAt = System.nanoTime();
            HttpResponse<String> accepted = cancel(other, id);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(JSON.readTree(accepted.body()).path("load_id").asLong()).isEqualTo(id);

            LoadReport cancelled = Await.value("load " + id + " to end cancelled", Duration.ofSeconds(60), () -> {
                LoadReport report = onA.loadById(id);
                return report.status().finished() ? Optional.of(report) : Optional.empty();
            });
            System.out.printf("load %d ended cancelled %d ms after the cancel%n", id,
                    (System.nanoTime() - cancelledAt) / 1_000_000);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(LoadStatus.CANCELLED);
            // The heartbeat may stop the worker before the notification arrives (a busy machine):
            // the notification must still reach the working instance, within seconds.
            Await.until("the working instance to hear the cancel through NOTIFY", Duration.ofSeconds(30),
                    () -> servers.get(worker).logText().contains("load " + id + ": cancel heard"));
            assertThat(cancelled.error()).contains("cancelled");
            long inTable = GeneratedEmployees.inDatabase();
            assertThat(inTable).as("stopped part-way, past the 100,000 rows it had when cancelled")
                    .isGreaterThanOrEqualTo(100_000).isLessThan(ROWS);
            assertThat(cancelled.inserted()).as("the report counts what reached the table").isEqualTo(inTable);
            assertThat(cancelled.rowsRead()).isEqualTo(inTable);
            FileReport stopped = cancelled.fileReports().get(0);
            assertThat(stopped.status()).as("not marked loaded").isEqualTo("cancelled");
            assertThat(stopped.instance()).isEqualTo(worker);

            HttpResponse<String> again = cancel(other, id);
            assertThat(again.statusCode()).as("a second cancel: " + again.body()).isEqualTo(409);
            assertThat(JSON.readTree(again.body()).path("detail").asText()).contains("already ended (cancelled)");
            assertThat(cancel(a, queued.loadId()).statusCode()).as("a cancelled queued load has ended").isEqualTo(409);
            assertThat(cancel(a, 999_999).statusCode()).isEqualTo(404);

            LoadReport next = b.api().client().load(TableName.EMPLOYEES, null, false);
            assertThat(next.status()).as(next.toString()).isEqualTo(LoadStatus.SUCCEEDED);
            assertThat(GeneratedEmployees.inDatabase()).as("the next load brings the table to the full count")
                    .isEqualTo(ROWS);
            assertThat(next.inserted()).isEqualTo(ROWS - inTable);
            assertThat(next.fileReports().get(0).resumedFromLine()).as("continued after its last committed line")
                    .isEqualTo(inTable);
            assertThat(cancel(b, next.loadId()).statusCode()).as("a succeeded load has ended").isEqualTo(409);

            String logs = a.logText() + b.logText();
            for (long load : List.of(id, next.loadId())) {
                assertThat(jsonLines(logs, load, "load_started")).as("load " + load + " started, as JSON").hasSize(1);
                assertThat(jsonLines(logs, load, "load_ended")).as("load " + load + " ended, as JSON").hasSize(1);
            }
            JsonNode ended = jsonLines(logs, id, "load_ended").get(0);
            assertThat(ended.path("level").asText()).isEqualTo("INFO");
            assertThat(ended.path("status").asText()).isEqualTo("cancelled");
            assertThat(ended.path("table").asText()).isEqualTo("employees");
            assertThat(ended.path("source").asText()).isEqualTo("s3");
            assertThat(ended.path("inserted").asLong()).isEqualTo(inTable);
            assertThat(ended.has("duration_ms")).isTrue();
            assertThat(jsonLines(logs, queued.loadId(), "load_ended")).as("the queued load's end").hasSize(1);
        }
    }

    private static ServerProcess start(String name) {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("HIRELOAD_INSTANCE_ID", name);
        return EmbeddedServices.startServer(name, settings);
    }

    private static HttpResponse<String> cancel(ServerProcess server, long id) {
        return server.api().call("POST", "/loads/" + id + "/cancel", null, null);
    }

    /** The instance writing load {@code loadId}'s object once it has committed at least {@code rows} rows. */
    private static Optional<String> committedBy(long loadId, long rows) throws Exception {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select instance from load_item where load_id = ? and status = 'running' and line >= ?")) {
            s.setLong(1, loadId);
            s.setLong(2, rows);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The JSON log lines of {@code event} about load {@code loadId}. */
    private static List<JsonNode> jsonLines(String logs, long loadId, String event) {
        return logs.lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).filter(line -> line.path("load_id").asLong() == loadId && event.equals(line.path("event").asText()))
                .toList();
    }
}
