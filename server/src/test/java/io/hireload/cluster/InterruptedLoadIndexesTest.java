package io.hireload.cluster;

import io.hireload.client.HireloadClient;
import io.hireload.model.IndexMode;
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
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last instance is stopped (SIGTERM, as an orchestrator stops a task) in the middle of an
 * initial load that set the employee table's indexes aside: the load ends {@code interrupted},
 * and the instance builds the indexes back before it exits, so the table is never left without
 * them while no instance runs.
 */
@ExtendWith(EmbeddedServices.class)
class InterruptedLoadIndexesTest {
    private static final Duration LIMIT = Duration.ofSeconds(180);
    /** A start on a machine shared with other builds (load average 20 on two cores was seen) can take minutes. */
    private static final Duration READY = Duration.ofSeconds(360);

    @Test
    void theLastInstanceStoppedMidLoadBuildsTheIndexesBackBeforeItExits() throws Exception {
        String key = "employees/interrupted-part.csv";
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), key, GeneratedEmployees.csv(500_001, 800_000));
        try (ServerProcess server = EmbeddedServices.startServer("only", Map.of(
                "hireload.lease.beat-seconds", "1", "hireload.lease.expiry-seconds", "4"))) {
            server.awaitReady(READY);
            HireloadClient client = server.api().client();
            client.load(TableName.DEPARTMENTS, null, false);
            client.load(TableName.JOBS, null, false);
            Map<String, String> migrated = EmployeeIndexes.now();
            assertThat(migrated).containsKeys("employee_hire_date_idx", "employee_name_trgm_idx");

            long id = client.startLoad(TableName.EMPLOYEES, 1000, false, true, IndexMode.DEFERRED).loadId();
            Await.until("batches committed with the indexes aside", LIMIT,
                    () -> EmployeeIndexes.setAside() > 0 && committedLines(id) > 0);
            server.stop();

            assertThat(status(id)).as("stopped mid-load by the last instance").isEqualTo(LoadStatus.INTERRUPTED.wire());
            assertThat(EmployeeIndexes.setAside()).as("nothing left recorded").isZero();
            assertThat(EmployeeIndexes.now()).as("every index back, valid").isEqualTo(migrated);
        } finally {
            EmbeddedServices.s3().delete(EmbeddedServices.bucket(), key);
        }
    }

    private static long committedLines(long loadId) throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select coalesce(sum(line), 0) from load_item where load_id = ?")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String status(long loadId) throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select status from load_run where id = ?")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
