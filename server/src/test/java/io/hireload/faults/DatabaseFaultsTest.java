package io.hireload.faults;

import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.Await;
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

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database going away, forced as an operator could force it, through a proxy between the
 * server and PostgreSQL: down at start, and connections cut in the middle of a load.
 */
@ExtendWith(EmbeddedServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsTest {
    private static final int ROWS = 120_000;
    private static final int BATCH = 100;
    private static TcpProxy database;
    private static ServerProcess server;

    @BeforeAll
    static void serverBehindAProxy() {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/big.csv", GeneratedEmployees.csv(ROWS));
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
        server.awaitStatus("/health/live", 200, Duration.ofSeconds(120));
        HttpResponse<String> ready = api().get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("database");
        assertThat(api().get("/health-db").statusCode()).isEqualTo(503);
        HttpResponse<String> load = api().post("/departments/batch", "application/json", "");
        assertThat(load.statusCode()).isEqualTo(503);
        assertThat(load.body()).contains("\"error\"").doesNotContain("Exception");

        database.up();
        server.awaitReady(Duration.ofSeconds(60));
        assertThat(client().load(TableName.DEPARTMENTS, null, false).inserted()).isEqualTo(12);
        assertThat(client().load(TableName.JOBS, null, false).inserted()).isEqualTo(183);
    }

    @Test
    @Order(2)
    void connectionsCutMidLoadFailTheLoadWith503AndLeaveOnlyWholeBatches() throws Exception {
        CompletableFuture<HttpResponse<String>> load = CompletableFuture.supplyAsync(() ->
                api().post("/employees/batch?batch_size=" + BATCH, "application/json", ""));
        long id = awaitRunningLoad();
        database.down();
        Await.until("the server to find its database gone", Duration.ofSeconds(60),
                () -> api().get("/health-db").statusCode() == 503);
        database.up();

        HttpResponse<String> answer = load.get();
        assertThat(answer.statusCode()).as(() -> answer.body() + "; the server's log:\n" + server.tail(150)).isEqualTo(503);
        assertThat(answer.body()).contains("database");
        LoadReport failed = client().loadById(id);
        assertThat(failed.status().wire()).isEqualTo("failed");
        assertThat(failed.error()).containsIgnoringCase("database");
        long committed = GeneratedEmployees.inDatabase();
        assertThat(committed % BATCH).as("no batch is half-written").isZero();
        assertThat(committed).isLessThan(ROWS);
        assertThat(failed.inserted() + failed.updated() + failed.unchanged())
                .as("the failed load's report counts what reached the table").isEqualTo(committed);

        // Calling again continues the object after its last committed line: nothing read twice.
        LoadReport rerun = client().load(TableName.EMPLOYEES, null, false);
        assertThat(rerun.status().wire()).isEqualTo("succeeded");
        assertThat(rerun.inserted()).isEqualTo(ROWS - committed);
        assertThat(rerun.rowsRead()).isEqualTo(ROWS - committed);
        assertThat(rerun.unchanged()).isZero();
        assertThat(rerun.fileReports()).singleElement()
                .satisfies(file -> assertThat(file.resumedFromLine()).isEqualTo(committed));
        assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS);
    }

    private long awaitRunningLoad() {
        return Await.value("an employees load that has read rows", Duration.ofSeconds(30), () -> {
            try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select id from load_run where table_name = 'employees' "
                         + "and status = 'running' and rows_read > 0 order by id desc limit 1")) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
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
