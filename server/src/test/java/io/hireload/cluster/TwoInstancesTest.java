package io.hireload.cluster;

import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances on one database, as two ECS tasks behind the load balancer: they start
 * together on an empty database, share one load's state, refuse a second load of a busy table,
 * and when one is killed mid-load the other marks the load interrupted and reruns it exactly.
 */
@ExtendWith(EmbeddedServices.class)
class TwoInstancesTest {
    private static final int ROWS = 150_000;
    /** Short leases so a dead instance's load is noticed within seconds, not a minute. */
    private static final Map<String, String> QUICK_LEASES =
            Map.of("hireload.lease.beat-seconds", "1", "hireload.lease.expiry-seconds", "4");

    @Test
    void twoInstancesShareLoadsLocksAndRecoverFromADeadOne() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/big.csv", GeneratedEmployees.csv(ROWS));
        try (ServerProcess a = ServerProcess.start("a", QUICK_LEASES); ServerProcess b = ServerProcess.start("b", QUICK_LEASES)) {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofSeconds(120))),
                    CompletableFuture.runAsync(() -> b.awaitReady(Duration.ofSeconds(120)))).join();
            assertThat(migrationsApplied()).as("each migration applied once, none failed").isEqualTo(migrationFiles());

            HireloadClient onA = a.api().client();
            HireloadClient onB = b.api().client();
            onA.load(TableName.DEPARTMENTS, null, false);
            onB.load(TableName.JOBS, null, false);

            LoadReport started = onA.startLoad(TableName.EMPLOYEES, 50, false);
            HttpResponse<String> second = b.api().post("/employees/batch", "application/json", "");
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(second.body()).contains("already running").contains("/loads/" + started.loadId());

            LoadReport seenFromB = awaitRows(onB, started.loadId());
            assertThat(seenFromB.status()).isEqualTo(LoadStatus.RUNNING);
            assertThat(seenFromB.rowsRead()).isPositive().isLessThan(ROWS);

            a.kill();
            LoadReport orphan = awaitStatus(onB, started.loadId(), LoadStatus.INTERRUPTED, Duration.ofSeconds(40));
            assertThat(orphan.error()).contains("stopped").contains("run the load again");
            long committed = onB.employees(1, 1).total();
            assertThat(committed).as("batches committed before the kill stay").isPositive().isLessThan(ROWS);

            LoadReport rerun = onB.load(TableName.EMPLOYEES, null, false);
            assertThat(rerun.status()).isEqualTo(LoadStatus.SUCCEEDED);
            assertThat(rerun.rejected()).isZero();
            assertThat(rerun.inserted() + rerun.unchanged()).isEqualTo(ROWS);
            assertThat(rerun.unchanged()).isEqualTo(committed);
            assertThat(onB.employees(1, 1).total()).isEqualTo(ROWS);
        }
    }

    private static LoadReport awaitRows(HireloadClient client, long id) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            LoadReport report = client.loadById(id);
            if (report.rowsRead() > 0 || report.status().finished()) {
                return report;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("load " + id + " made no progress");
    }

    private static LoadReport awaitStatus(HireloadClient client, long id, LoadStatus status, Duration limit)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        LoadReport report = client.loadById(id);
        while (report.status() != status && System.nanoTime() < end) {
            Thread.sleep(250);
            report = client.loadById(id);
        }
        assertThat(report.status()).isEqualTo(status);
        return report;
    }

    private static int migrationsApplied() throws Exception {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) filter (where success), count(*) filter (where not success) "
                     + "from flyway_schema_history where version is not null")) {
            rs.next();
            assertThat(rs.getInt(2)).isZero();
            return rs.getInt(1);
        }
    }

    private static int migrationFiles() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../migrations/src/main/resources/db/migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
