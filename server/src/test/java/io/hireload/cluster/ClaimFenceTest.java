package io.hireload.cluster;

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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that is thought dead but still writes (a long pause, a partition) must not commit
 * behind the instance that took its object over. Another instance's claim is made here in the
 * database, as a claiming instance makes it: from that moment the server's batches of the object
 * commit nothing more (its resume point and the table stay as they were), its worker lets the
 * object go, and once that claim's lease runs out the server takes the object back and finishes it
 * after its last committed line, every row counted once.
 */
@ExtendWith(EmbeddedServices.class)
class ClaimFenceTest {
    private static final int ROWS = 100_000;
    private static final Map<String, String> QUICK_LEASES = Map.of("hireload.lease.beat-seconds", "1",
            "hireload.lease.expiry-seconds", "4", "HIRELOAD_INSTANCE_ID", "fenced");

    @Test
    void aTakenOverObjectGetsNoMoreCommitsFromItsFormerHolderAndFinishesExactly() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/big.csv", GeneratedEmployees.csv(ROWS));
        try (ServerProcess server = EmbeddedServices.startServer("fenced", QUICK_LEASES)) {
            server.awaitReady(Duration.ofSeconds(120));
            HireloadClient client = server.api().client();
            client.load(TableName.DEPARTMENTS, null, false);
            client.load(TableName.JOBS, null, false);

            long id = client.startLoad(TableName.EMPLOYEES, 100, false).loadId();
            awaitLine(id);
            long takenAt = takeOver(id);
            awaitLog(server, "is no longer this instance's");
            assertThat(line(id)).as("no batch of the former holder committed after the takeover").isEqualTo(takenAt);
            assertThat(GeneratedEmployees.inDatabase()).isEqualTo(takenAt);

            expireTheOtherClaim(id);
            LoadReport done = awaitFinished(client, id);
            assertThat(done.status()).isEqualTo(LoadStatus.SUCCEEDED);
            assertThat(done.rowsRead()).isEqualTo(ROWS);
            assertThat(done.inserted()).isEqualTo(ROWS);
            assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS);
            FileReport file = done.fileReports().get(0);
            assertThat(file.instance()).isEqualTo("fenced");
            assertThat(file.resumedFromLine()).isEqualTo(takenAt);
        }
    }

    private static void awaitLine(long loadId) {
        Await.until("load " + loadId + " to commit a batch", Duration.ofSeconds(120), () -> line(loadId) > 0);
    }

    /** What a claiming instance does: the next claim number, its name, its lease. Answers the line then. */
    private static long takeOver(long loadId) throws Exception {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement("""
                update load_item set claim = claim + 1, instance = 'ghost', lease_until = now() + interval '1 hour'
                 where load_id = ? and status = 'running' returning line""")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("the object is still being written").isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static void expireTheOtherClaim(long loadId) throws Exception {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "update load_item set lease_until = now() - interval '1 second' where load_id = ? and instance = 'ghost'")) {
            s.setLong(1, loadId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static long line(long loadId) throws Exception {
        try (Connection c = EmbeddedServices.connect();
             PreparedStatement s = c.prepareStatement("select line from load_item where load_id = ?")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitLog(ServerProcess server, String text) {
        Await.until("the server's log to say: " + text, Duration.ofSeconds(60), () -> server.logText().contains(text));
    }

    private static LoadReport awaitFinished(HireloadClient client, long id) {
        return Await.loadFinished(client, id, Duration.ofSeconds(120));
    }
}
