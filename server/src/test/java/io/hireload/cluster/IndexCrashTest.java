package io.hireload.cluster;

import io.hireload.client.HireloadClient;
import io.hireload.model.IndexMode;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.EmployeeIndexes;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances; an initial load's instance is killed (SIGKILL) before it sets the
 * employee table's secondary indexes aside, after it did, and while it builds them back. Each
 * time, once the survivor has worked, the load succeeded with every row, nothing is recorded as
 * set aside, and pg_indexes and pg_index.indisvalid show exactly the set the migrations made.
 */
@ExtendWith(EmbeddedServices.class)
class IndexCrashTest {
    private static final int ROWS = 100_000;
    private static final Duration LIMIT = Duration.ofSeconds(180);
    /** A start on a machine shared with other builds (load average 20 on two cores was seen) can take minutes. */
    private static final Duration READY = Duration.ofSeconds(360);
    /**
     * Short leases, so a dead instance's object is taken over within seconds; one small rebuild
     * connection, so a rebuild lasts long enough to be interrupted.
     */
    private static final Map<String, String> SETTINGS = Map.of("hireload.lease.beat-seconds", "1",
            "hireload.lease.expiry-seconds", "4", "hireload.indexes.rebuild-connections", "1",
            "hireload.indexes.maintenance-work-mem", "1MB");

    private final Map<String, ServerProcess> servers = new HashMap<>();

    @Test
    void killingAnInstanceBeforeTheDropAfterItOrDuringTheRebuildNeverLosesAnIndex() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> start("a")),
                    CompletableFuture.runAsync(() -> start("b"))).join();
            HireloadClient client = servers.get("a").api().client();
            client.load(TableName.DEPARTMENTS, null, false);
            client.load(TableName.JOBS, null, false);
            Map<String, String> migrated = EmployeeIndexes.now();
            assertThat(migrated).containsKeys("employee_pkey", "employee_hire_date_idx", "employee_name_trgm_idx");

            // Before the drop: the set-aside waits for the table, which the test holds.
            put(1);
            long beforeDrop;
            String killed;
            try (Connection holder = EmbeddedServices.connect()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.execute("lock table employee in access share mode");
                }
                beforeDrop = start(client).loadId();
                Await.until("the set-aside waiting for the table", LIMIT, IndexCrashTest::setAsideWaits);
                killed = holderOf(beforeDrop);
                servers.remove(killed).kill();
                // (The catalog's index definitions wait behind the queued lock: only the record is read here.)
                assertThat(EmployeeIndexes.setAside()).as("nothing set aside yet").isZero();
                holder.rollback();
            }
            start(killed);
            checkBack(beforeDrop, ROWS, migrated);

            // After the drop, mid-load.
            put(2);
            long afterDrop = start(survivor()).loadId();
            Await.until("batches committed with the indexes aside", LIMIT,
                    () -> EmployeeIndexes.setAside() > 0 && committedLine(afterDrop) > 0);
            assertThat(EmployeeIndexes.now()).as("only the key while the load runs").containsOnlyKeys("employee_pkey");
            assertThat(EmployeeIndexes.autovacuum()).as("autovacuum paused while the indexes are aside")
                    .isEqualTo("autovacuum_enabled=false");
            kill(holderOf(afterDrop));
            checkBack(afterDrop, 2L * ROWS, migrated);

            // During the rebuild.
            put(3);
            long duringRebuild = start(survivor()).loadId();
            Await.until("an index being built", LIMIT, IndexCrashTest::building);
            kill(holderOf(duringRebuild));
            checkBack(duringRebuild, 3L * ROWS, migrated);
        } finally {
            servers.values().forEach(ServerProcess::close);
        }
    }

    private void start(String name) {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("HIRELOAD_INSTANCE_ID", name);
        ServerProcess server = EmbeddedServices.startServer(name, settings);
        synchronized (servers) {
            servers.put(name, server);
        }
        server.awaitReady(READY);
    }

    private static LoadReport start(HireloadClient client) {
        return client.startLoad(TableName.EMPLOYEES, 1000, false, false, IndexMode.DEFERRED);
    }

    private HireloadClient survivor() {
        return servers.values().stream().filter(ServerProcess::alive).findFirst().orElseThrow().api().client();
    }

    /** SIGKILL, then the instance starts again (an instance that starts rebuilds what is recorded, too). */
    private void kill(String instance) {
        servers.remove(instance).kill();
        start(instance);
    }


    /** The load succeeded with every row and every index is back, valid, as the migrations made it. */
    private void checkBack(long loadId, long rows, Map<String, String> migrated) throws SQLException {
        LoadReport done = Await.loadFinished(survivor(), loadId, LIMIT);
        assertThat(done.status()).as(done.toString()).isEqualTo(LoadStatus.SUCCEEDED);
        assertThat(done.indexes()).isEqualTo(IndexMode.DEFERRED);
        assertThat(done.indexRebuildMs()).isNotNull();
        assertThat(done.inserted() + done.unchanged()).isEqualTo(ROWS);
        assertThat(GeneratedEmployees.inDatabase()).isEqualTo(rows);
        assertThat(EmployeeIndexes.setAside()).isZero();
        assertThat(EmployeeIndexes.now()).isEqualTo(migrated);
        assertThat(EmployeeIndexes.autovacuum()).as("autovacuum back to the server's setting").isNull();
    }

    private static void put(int n) {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/part-%d.csv".formatted(n),
                GeneratedEmployees.csv((n - 1) * ROWS + 1, n * ROWS));
    }

    /** The instance working the load's object. */
    private static String holderOf(long loadId) {
        return Await.value("the load's object claimed", LIMIT, () -> {
            try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                    "select instance from load_item where load_id = ? and instance is not null order by claim desc limit 1")) {
                s.setLong(1, loadId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static long committedLine(long loadId) throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select coalesce(max(line), 0) from load_item where load_id = ?")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean setAsideWaits() throws SQLException {
        return exists("select 1 from pg_locks l join pg_class c on c.oid = l.relation "
                + "where c.relname = 'employee' and l.mode = 'AccessExclusiveLock' and not l.granted");
    }

    private static boolean building() throws SQLException {
        // The build runs inside the owner's function (V22): its progress view names the table.
        return exists("select 1 from pg_stat_progress_create_index p join pg_class c on c.oid = p.relid "
                + "where c.relname = 'employee'");
    }

    private static boolean exists(String sql) throws SQLException {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }
}
