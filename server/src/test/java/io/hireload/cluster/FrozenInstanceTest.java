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
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance frozen mid-load (SIGSTOP for up to 60 s, as a long GC pause or a partition would
 * freeze it) with batch transactions open, some of them mid-statement (so never idle): its leases
 * run out, the other instance takes its objects over and ends the frozen one's database sessions,
 * which frees their row locks, and finishes the load while it is still frozen. Woken, the frozen
 * instance says its claims were taken, not that the load failed. Leases and the idle limit are
 * shortened here so the test takes seconds, not minutes; the mechanism is the defaults'.
 */
@ExtendWith(EmbeddedServices.class)
class FrozenInstanceTest {
    private static final int OBJECTS = 4;
    private static final int ROWS_PER_OBJECT = 20_000;
    private static final Duration FROZEN_AT_MOST = Duration.ofSeconds(60);
    private static final Map<String, String> QUICK = Map.of("HIRELOAD_LEASE_BEAT_SECONDS", "2",
            "HIRELOAD_LEASE_EXPIRY_SECONDS", "8", "HIRELOAD_DB_IDLE_TRANSACTION_SECONDS", "5");

    @Test
    void theOtherInstanceFinishesTheLoadWhileOneIsFrozen() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        for (int o = 0; o < OBJECTS; o++) {
            EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/part-" + o + ".csv",
                    GeneratedEmployees.csv(o * ROWS_PER_OBJECT + 1, (o + 1) * ROWS_PER_OBJECT));
        }
        try (ServerProcess frozen = EmbeddedServices.startServer("frozen-a", with("frozen-a"));
             ServerProcess awake = EmbeddedServices.startServer("awake-b", with("awake-b"))) {
            frozen.awaitReady(Duration.ofMinutes(5));
            awake.awaitReady(Duration.ofMinutes(5));
            HireloadClient client = awake.api().client();
            client.load(TableName.DEPARTMENTS, null, false);
            client.load(TableName.JOBS, null, false);
            long loadId = client.startLoad(TableName.EMPLOYEES, 200, false).loadId();
            Await.until("both instances to work objects of the load", Duration.ofMinutes(2),
                    () -> working(loadId, "frozen-a") > 0 && working(loadId, "awake-b") > 0);

            frozen.freeze();
            LoadReport whileFrozen;
            int heldByFrozen;
            try {
                whileFrozen = awaitFinished(client, loadId, awake);
                heldByFrozen = working(loadId, "frozen-a");
            } finally {
                frozen.thaw();
            }
            LoadReport finished = whileFrozen;
            assertThat(finished.status().wire()).as(() -> finished + "\nawake:\n" + awake.tail(80)).isEqualTo("succeeded");
            assertThat(heldByFrozen).as("objects still the frozen instance's when the load ended").isZero();
            assertThat(finished.rowsRead()).as("no line counted twice").isEqualTo(OBJECTS * ROWS_PER_OBJECT);
            assertThat(GeneratedEmployees.inDatabase()).isEqualTo(OBJECTS * ROWS_PER_OBJECT);

            Await.until("the woken instance to say its claims were taken", Duration.ofMinutes(2),
                    () -> frozen.logText().lines().anyMatch(line -> line.contains("load " + loadId + ": ")
                            && line.contains("is no longer this instance's: its claim was taken by another instance")));
            assertThat(frozen.logText()).as("the woken instance does not call the load it lost failed")
                    .doesNotContain("load " + loadId + " of employees failed");
            assertThat(client.loadById(loadId).status().wire()).isEqualTo("succeeded");
        }
    }

    /** The load's end, awaited while the other instance is frozen; the awake one's log says why if it does not come. */
    private static LoadReport awaitFinished(HireloadClient client, long loadId, ServerProcess awake) {
        try {
            return Await.loadFinished(client, loadId, FROZEN_AT_MOST);
        } catch (AssertionError notInTime) {
            throw new AssertionError(notInTime.getMessage() + "\nawake:\n" + awake.tail(120), notInTime);
        }
    }

    private static Map<String, String> with(String instance) {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("HIRELOAD_INSTANCE_ID", instance);
        return settings;
    }

    /** Objects of the load that {@code instance} holds and has written rows of. */
    private static int working(long loadId, String instance) throws Exception {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from load_item where load_id = ? and instance = ? and status = 'running' and line > 0")) {
            s.setLong(1, loadId);
            s.setString(2, instance);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
