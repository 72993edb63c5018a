package io.hireload.faults;

import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.DriverText;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import io.hireload.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database going away, forced as an operator could force it, through a proxy between the
 * server and PostgreSQL: down at start, and connections cut in the middle of a load for 5 to 60 s.
 */
@ExtendWith(EmbeddedServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsTest {
    private static final int ROWS = 120_000;
    private static final int BATCH = 100;
    private static final List<String> ANSWERS = new CopyOnWriteArrayList<>();
    private static int rounds;
    private static TcpProxy database;
    private static ServerProcess server;

    @BeforeAll
    static void serverBehindAProxy() {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        database = new TcpProxy(EmbeddedServices.databasePort());
        String url = EmbeddedServices.databaseUrl().replaceFirst(":\\d+/", ":" + database.port() + "/");
        database.down();
        server = EmbeddedServices.startServer("faults", Map.of("DATABASE_URL", url));
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    @Test
    @Order(1)
    void aServerStartedWithoutItsDatabaseIsLiveButNotReadyThenRecoversWithoutARestart() {
        server.awaitStatus("/health/live", 200, Duration.ofMinutes(5));
        HttpResponse<String> ready = api().get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("database");
        assertThat(api().get("/health-db").statusCode()).isEqualTo(503);
        HttpResponse<String> load = api().post("/departments/batch", "application/json", "");
        ANSWERS.add(load.body());
        assertThat(load.statusCode()).isEqualTo(503);
        assertThat(load.body()).contains("\"error\"").doesNotContain("Exception");

        database.up();
        server.awaitReady(Duration.ofMinutes(3));
        assertThat(client().load(TableName.DEPARTMENTS, null, false).inserted()).isEqualTo(12);
        assertThat(client().load(TableName.JOBS, null, false).inserted()).isEqualTo(183);
    }

    /**
     * The database goes away in the middle of a load for 5, 15, 30 and 60 s: the synchronous
     * caller hears 503 (with Retry-After and where to follow the load), and the load, never
     * called again, ends succeeded with every row once: its object went back to the queue at its
     * last committed line and continued when the database was back, whatever the outage's length.
     */
    @ParameterizedTest(name = "an outage of {0} s")
    @ValueSource(ints = {5, 15, 30, 60})
    @Order(2)
    void anOutageMidLoadHealsByItselfWithoutASecondCall(int seconds) throws Exception {
        int round = ++rounds;
        // Each round its own object of new ids; the earlier rounds' objects are skipped as loaded.
        String object = "employees/outage-" + round + ".csv";
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), object,
                GeneratedEmployees.csv((round - 1) * ROWS + 1, round * ROWS));
        long before = GeneratedEmployees.inDatabase();
        CompletableFuture<HttpResponse<String>> load = CompletableFuture.supplyAsync(() ->
                api().post("/employees/batch?batch_size=" + BATCH, "application/json", ""));
        long id = awaitRunningLoad(before);
        database.down();
        Api.pause(Duration.ofSeconds(seconds));
        database.up();

        HttpResponse<String> answer = load.get();
        ANSWERS.add(answer.body());
        assertThat(answer.statusCode()).as(() -> answer.body() + "; the server's log:\n" + server.tail(150)).isEqualTo(503);
        assertThat(answer.body()).contains("database").contains("/loads/" + id);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();

        LoadReport healed = Await.loadFinished(client(), id, Duration.ofMinutes(3));
        assertThat(healed.status().wire()).as(() -> healed + "; the server's log:\n" + server.tail(150))
                .isEqualTo("succeeded");
        assertThat(healed.error()).isNull();
        assertThat(healed.inserted()).as("every row of the object once").isEqualTo(ROWS);
        assertThat(healed.rowsRead()).as("no row read twice").isEqualTo(ROWS);
        assertThat(healed.fileReports()).filteredOn(file -> file.file().equals(object)).singleElement()
                .satisfies(file -> assertThat(file.resumedFromLine()).as("continued, not restarted").isPositive());
        assertThat(GeneratedEmployees.inDatabase()).isEqualTo((long) round * ROWS);
    }

    /** What callers and operators read after the faults: the load's words, never the driver's or SQL. */
    @Test
    @Order(3)
    void noAnswerAndNoLoadErrorCarriesDriverOrSqlText() {
        List<String> said = new ArrayList<>(ANSWERS);
        for (JsonNode load : api().allItems("/loads")) {
            said.add(load.path("error").asText(""));
            load.path("file_reports").forEach(file -> said.add(file.path("error").asText("")));
        }
        assertThat(said).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContainPattern(DriverText.PATTERN));
    }

    /** An employees load that has committed rows beyond {@code before} in the table. */
    private long awaitRunningLoad(long before) {
        return Await.value("an employees load that has written rows", Duration.ofMinutes(2), () -> {
            try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                    "select id from load_run where table_name = 'employees' and status = 'running' and rows_read > 0 "
                            + "and (select count(*) from employee) > ? order by id desc limit 1")) {
                s.setLong(1, before);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    private static Api api() {
        return server.api();
    }

    private static HireloadClient client() {
        return server.api().client();
    }
}
