package io.hireload.faults;

import io.hireload.model.TableName;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server stopped as an orchestrator stops it (SIGTERM) in the middle of a load, over and over,
 * synchronous and asynchronous loads alternating: every time the load ends {@code interrupted}
 * with why, its counters equal what reached the table (no batch in flight is lost from the
 * report or half-written), and the server had everything it needed to say so (no
 * "could not mark" in its log). One failure in twenty is a bug, so it runs twenty rounds
 * ({@code -Dhireload.test.stop-rounds} to change).
 */
@ExtendWith(EmbeddedServices.class)
class StopMidLoadTest {
    private static final int ROWS = 60_000;
    private static final int BATCH = 100;
    private static final int ROUNDS = Integer.getInteger("hireload.test.stop-rounds", 20);

    @BeforeAll
    static void bigFileAndItsParents() {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/big.csv", GeneratedEmployees.csv(ROWS));
        try (ServerProcess server = EmbeddedServices.startServer("parents", Map.of())) {
            server.awaitReady(Duration.ofSeconds(120));
            server.api().client().load(TableName.DEPARTMENTS, null, false);
            server.api().client().load(TableName.JOBS, null, false);
        }
    }

    @Test
    void everyStopMidLoadEndsTheLoadInterruptedWithCountsThatMatchTheTable() throws Exception {
        long previous = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
                s.execute("truncate employee");
            }
            try (ServerProcess server = EmbeddedServices.startServer("stop-" + round, Map.of())) {
                server.awaitReady(Duration.ofSeconds(120));
                boolean async = round % 2 == 0;
                // Forced: each round starts the object over (the table was emptied), not where the last stopped.
                CompletableFuture.runAsync(() -> server.api().post("/employees/batch?force=true&batch_size=" + BATCH
                        + (async ? "&async=true" : ""), "application/json", ""));
                long id = awaitProgress(server, previous);
                server.stop();
                String log = server.logText();
                String round1 = "round " + round + (async ? " (async)" : " (sync)") + ", load " + id;
                try (Connection c = EmbeddedServices.connect();
                     PreparedStatement s = c.prepareStatement(
                             "select status, error, inserted, updated, unchanged from load_run where id = ?")) {
                    s.setLong(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        assertThat(rs.getString("status")).as(round1 + "\n" + log).isEqualTo("interrupted");
                        assertThat(rs.getString("error")).as(round1).contains("stopped");
                        long inTable = GeneratedEmployees.inDatabase();
                        assertThat(inTable % BATCH).as(round1 + ": only whole batches").isZero();
                        assertThat(rs.getLong("inserted") + rs.getLong("updated") + rs.getLong("unchanged"))
                                .as(round1 + ": the report counts what reached the table").isEqualTo(inTable);
                    }
                }
                assertThat(log).as(round1).doesNotContain("could not mark").doesNotContain("could not record");
                previous = id;
            }
        }
    }

    /** The id of an employees load newer than {@code after} that has committed rows. */
    private static long awaitProgress(ServerProcess server, long after) {
        try {
            return Await.value("an employees load newer than " + after + " to commit rows", Duration.ofSeconds(120), () -> {
                try (Connection c = EmbeddedServices.connect();
                     PreparedStatement s = c.prepareStatement("select id from load_run where table_name = 'employees' "
                             + "and id > ? and status = 'running' and inserted > 0 order by id desc limit 1")) {
                    s.setLong(1, after);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                    }
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the server's log:\n" + server.logText(), e);
        }
    }
}
