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

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** S3 going away, forced through a proxy in front of the S3 server, and objects vanishing mid-load. */
@ExtendWith(EmbeddedServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3FaultsTest {
    private static final int ROWS = 60_000;
    private static final int BATCH = 100;
    private static TcpProxy s3;
    private static ServerProcess server;

    @BeforeAll
    static void serverBehindAProxy() {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/a.csv", GeneratedEmployees.csv(ROWS));
        s3 = new TcpProxy(URI.create(EmbeddedServices.setting("S3_ENDPOINT")).getPort());
        // One worker: a load's objects are read one after another, in key order, so a test can act
        // between them (two workers would read employees/b.csv beside a.csv).
        server = EmbeddedServices.startServer("s3-faults", Map.of("S3_ENDPOINT", "http://127.0.0.1:" + s3.port(),
                "hireload.load.workers", "1"))
                .awaitReady(Duration.ofSeconds(120));
        client().load(TableName.DEPARTMENTS, null, false);
        client().load(TableName.JOBS, null, false);
    }

    @AfterAll
    static void stop() {
        server.close();
        s3.close();
    }

    @Test
    @Order(1)
    void s3OutOfReachIsA503ThatSaysSoAndHealthFollows() {
        s3.down();
        try {
            HttpResponse<String> load = api().post("/employees/batch", "application/json", "");
            assertThat(load.statusCode()).isEqualTo(503);
            assertThat(load.body()).contains("s3").contains(EmbeddedServices.bucket());
            assertThat(api().get("/health-s3").statusCode()).isEqualTo(503);
            assertThat(api().get("/health/ready").statusCode()).isEqualTo(503);
        } finally {
            s3.up();
        }
        assertThat(api().get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aStreamCutWithS3GoneFailsTheLoadNamingTheObjectAndARerunIsExact() throws Exception {
        s3.throttle(256 * 1024);
        long id = client().startLoad(TableName.EMPLOYEES, BATCH, false).loadId();
        awaitRows(id);
        s3.down();
        LoadReport failed = awaitFinished(id);
        s3.throttle(0);
        s3.up();
        assertThat(failed.status().wire()).isEqualTo("failed");
        assertThat(failed.error()).contains("employees/a.csv");
        long committed = GeneratedEmployees.inDatabase();
        assertThat(committed % BATCH).isZero();
        assertThat(failed.inserted() + failed.updated() + failed.unchanged())
                .as("the failed load's report counts what reached the table").isEqualTo(committed);

        // Calling again continues the object after its last committed line: nothing read twice.
        LoadReport rerun = client().load(TableName.EMPLOYEES, null, false);
        assertThat(rerun.status().wire()).isEqualTo("succeeded");
        assertThat(rerun.inserted()).isEqualTo(ROWS - committed);
        assertThat(rerun.rowsRead()).isEqualTo(ROWS - committed);
        assertThat(rerun.fileReports()).singleElement()
                .satisfies(file -> assertThat(file.resumedFromLine()).isEqualTo(committed));
        assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS);
    }

    @Test
    @Order(3)
    void aStreamCutMidObjectIsReadAgainFromItsLastCommittedLineAndTheLoadSucceedsByItself() throws Exception {
        s3.throttle(256 * 1024);
        // Forced: the object is read again although this version was loaded (its rows are unchanged).
        long id = client().startLoad(TableName.EMPLOYEES, BATCH, false, true).loadId();
        awaitRows(id);
        s3.cut();
        s3.throttle(0);
        LoadReport healed = awaitFinished(id);
        assertThat(healed.status().wire()).as(String.valueOf(healed.error())).isEqualTo("succeeded");
        assertThat(healed.fileReports()).singleElement()
                .satisfies(file -> assertThat(file.resumedFromLine()).as("read again after its last committed line").isPositive());
        assertThat(healed.rowsRead()).as("each line read once").isEqualTo(ROWS);
        assertThat(healed.unchanged()).isEqualTo(ROWS);
        assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS);
    }

    @Test
    @Order(4)
    void anObjectDeletedBeforeItsTurnFailsTheLoadNamingIt() throws Exception {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/b.csv", "999999,Late Row,2021-01-01T00:00:00Z,1,1\n".getBytes());
        // Forced, so employees/a.csv is read again first and b.csv's turn comes after the delete.
        long id = client().startLoad(TableName.EMPLOYEES, BATCH, false, true).loadId();
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/b.csv");
        LoadReport failed = awaitFinished(id);
        assertThat(failed.status().wire()).isEqualTo("failed");
        assertThat(failed.error()).contains("employees/b.csv");
        assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS);
    }

    private static void awaitRows(long id) {
        Await.until("load " + id + " to read rows", Duration.ofSeconds(30), () -> client().loadById(id).rowsRead() > 0);
    }

    private static LoadReport awaitFinished(long id) {
        return Await.loadFinished(client(), id, Duration.ofSeconds(120));
    }

    private static Api api() {
        return server.api();
    }

    private static HireloadClient client() {
        return server.api().client();
    }
}
