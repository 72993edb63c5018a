package io.hireload.cluster;

import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second server started on a port already taken, while a load has objects waiting in the queue:
 * it fails to start and never claims, writes or announces anything (its workers start only once
 * the port is bound). Before, it claimed and wrote an object for about 30 s, then died.
 */
@ExtendWith(EmbeddedServices.class)
class TakenPortTest {
    private static final int OBJECTS = 12;
    private static final int ROWS_PER_OBJECT = 20_000;
    private static final int BATCH_SIZE = 10;

    @Test
    void aServerThatCannotBindItsPortClaimsNothing() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        for (int o = 0; o < OBJECTS; o++) {
            EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/part-" + (10 + o) + ".csv",
                    GeneratedEmployees.csv(o * ROWS_PER_OBJECT + 1, (o + 1) * ROWS_PER_OBJECT));
        }
        // One worker writing one 10-row batch at a time: the queue keeps waiting objects all through the
        // second's start, minutes on a busy machine. (With 100-row batches the load once finished first.)
        try (ServerProcess first = EmbeddedServices.startServer("port-first", Map.of("HIRELOAD_INSTANCE_ID", "port-first",
                "HIRELOAD_LOAD_WORKERS", "1", "HIRELOAD_LOAD_PARALLEL_BATCHES", "1"))) {
            first.awaitReady(Duration.ofMinutes(5));
            HireloadClient client = first.api().client();
            client.load(TableName.DEPARTMENTS, null, false);
            client.load(TableName.JOBS, null, false);
            long loadId = client.startLoad(TableName.EMPLOYEES, BATCH_SIZE, false).loadId();
            Await.until("the load to run", Duration.ofMinutes(1), () -> count(
                    "select count(*) from load_item where load_id = ? and status = 'running'", loadId) > 0);

            String secondLog;
            try (ServerProcess second = EmbeddedServices.startServer("port-second",
                    Map.of("HIRELOAD_INSTANCE_ID", "port-second"), first.base().getPort())) {
                OptionalInt exit = second.awaitExit(Duration.ofMinutes(5));
                assertThat(exit).as(() -> "the second server still runs; its log:\n" + second.tail(80)).isPresent();
                secondLog = second.logText();
                assertThat(secondLog).containsAnyOf("BindException", "Address already in use");
            }
            assertThat(count("select count(*) from load_item where load_id = ? and status = 'queued'", loadId))
                    .as("objects were waiting to be claimed while the second server started").isPositive();
            assertThat(count("select count(*) from load_item where load_id = ? and instance = 'port-second'", loadId))
                    .as("objects the failed server claimed").isZero();

            // The rest of the load is not this test's: cancelled, it ends within seconds.
            client.cancelLoad(loadId);
            LoadReport load = Await.loadFinished(client, loadId, Duration.ofMinutes(5));
            assertThat(load.status().wire()).isEqualTo("cancelled");
            assertThat(load.fileReports()).extracting(f -> f.instance()).contains("port-first").doesNotContain("port-second");
            // A claim the failed server took and handed back at its exit would show as a second claim.
            assertThat(count("select count(*) from load_item where load_id = ? and claim > 1", loadId))
                    .as(() -> "objects claimed more than once; the first server's log:\n" + first.tail(150)
                            + "\nthe second's:\n" + secondLog).isZero();
        }
    }

    private static long count(String sql, long loadId) throws Exception {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
