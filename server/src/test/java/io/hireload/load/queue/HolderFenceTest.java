package io.hireload.load.queue;

import io.hireload.config.InstanceId;
import io.hireload.db.Migrations;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Taking over a dead holder's object ends that holder's busy sessions, and only those it opened
 * before its last lease renewal: an instance restarted under the same id shares the session name,
 * and its sessions (its migrations while it starts) must live.
 */
@ExtendWith(EmbeddedServices.class)
class HolderFenceTest {
    private static final String HOLDER = "fence-test-instance";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @BeforeAll
    static void migrate() {
        Migrations.flyway(source(null), "").migrate();
    }

    @Test
    void theDeadHoldersSessionsEndAndTheRestartedInstancesSessionsLive() throws Exception {
        try (Connection old = source(InstanceId.sessionName(HOLDER)).getConnection()) {
            CompletableFuture<Void> oldWork = busy(old);
            OffsetDateTime lastRenewal = databaseNow();
            Await.until("the database's clock past the renewal", LIMIT, () -> databaseNow().isAfter(lastRenewal));
            try (Connection restarted = source(InstanceId.sessionName(HOLDER)).getConnection()) {
                CompletableFuture<Void> newWork = busy(restarted);
                Await.until("both sessions busy", LIMIT, () -> busySessions() == 2);

                try (Connection claimer = EmbeddedServices.connect()) {
                    claimer.setAutoCommit(false);
                    HolderFence.fence(claimer, HOLDER, lastRenewal, 4);
                    claimer.commit();
                }

                assertThat(oldWork).failsWithin(LIMIT).withThrowableOfType(Exception.class)
                        .withMessageContaining("terminating connection");
                Await.until("the dead holder's session gone", LIMIT, () -> busySessions() < 2);
                assertThat(newWork).as("the restarted instance's session").isNotDone();
                assertThat(busySessions()).as("busy sessions under the holder's name").isEqualTo(1);
                try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
                    s.execute("select pg_cancel_backend(pid) from pg_stat_activity where application_name = '"
                            + InstanceId.sessionName(HOLDER) + "'");
                }
                assertThat(newWork).failsWithin(LIMIT).withThrowableOfType(Exception.class)
                        .withMessageContaining("canceling statement");
            }
        }
    }

    private static PGSimpleDataSource source(String applicationName) {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(EmbeddedServices.databaseUrl());
        database.setUser("postgres");
        if (applicationName != null) {
            database.setApplicationName(applicationName);
        }
        return database;
    }

    /** A statement that runs until it is ended: a session frozen mid-statement, as far as the database sees. */
    private static CompletableFuture<Void> busy(Connection c) {
        // A thread each: the common pool has one thread on a two-core machine.
        CompletableFuture<Void> work = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_sleep(120)");
                work.complete(null);
            } catch (SQLException e) {
                work.completeExceptionally(e);
            }
        });
        return work;
    }

    private static OffsetDateTime databaseNow() throws SQLException {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select clock_timestamp()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private static int busySessions() throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from pg_stat_activity where application_name = ? and state = 'active'")) {
            s.setString(1, InstanceId.sessionName(HOLDER));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
