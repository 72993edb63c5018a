package io.hireload.db;

import io.hireload.config.DerivedConfigSource;
import io.hireload.config.InstanceId;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every session the server's pool hands out carries the limits that keep a frozen process from
 * holding rows for long (docs/DEPLOY.md, "A frozen task"), and PostgreSQL enforces them.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class SessionLimitsTest {
    @Inject
    @Named(DerivedConfigSource.DATA_SOURCE)
    DataSource pool;

    @Test
    void pooledSessionsWaitForLocksAndSitIdleInATransactionOnlySoLong() throws Exception {
        try (Connection c = pool.getConnection()) {
            assertThat(show(c, "lock_timeout")).isEqualTo("10s");
            assertThat(show(c, "idle_in_transaction_session_timeout")).isEqualTo("30s");
        }
    }

    /**
     * An instance taking over a frozen one's objects ends that one's sessions by this name: one
     * per instance, within PostgreSQL's 63 characters, distinct for names alike up to their end.
     */
    @Test
    void pooledSessionsAreNamedAfterTheirInstance() throws Exception {
        try (Connection c = pool.getConnection()) {
            assertThat(show(c, "application_name")).isEqualTo(InstanceId.sessionName(InstanceId.get()));
        }
        String common = "arn:aws:ecs:eu-west-1:123456789012:task/hireload-cluster/";
        String one = InstanceId.sessionName(common + "0123456789abcdef0123456789abcdef");
        String other = InstanceId.sessionName(common + "0123456789abcdef0123456789abcdee");
        assertThat(one).hasSizeLessThanOrEqualTo(63).startsWith("hireload ").isNotEqualTo(other);
    }

    /**
     * The two settings libraries read only from system properties are set when the container
     * starts (config.LibrarySystemProperties): without the first, the first requests after a
     * database restart fail on dead pooled connections.
     */
    @Test
    void thePoolChecksEveryConnectionBeforeUseAndTheTransactionLogStaysUnderTheDataDir() {
        assertThat(System.getProperty("com.zaxxer.hikari.aliveBypassWindowMs")).isEqualTo("0");
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("ObjectStoreEnvironmentBean.objectStoreDir"));
        assertThat(log.isAbsolute()).as(log.toString()).isTrue();
        assertThat(log.getFileName()).as(log.toString()).hasToString("tx");
    }

    @Test
    void aSessionIdleInItsTransactionPastTheLimitIsEndedAndClassifiedAsTheDatabaseAway() throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local idle_in_transaction_session_timeout = '200ms'");
            s.execute("select 1");
            io.hireload.support.Await.until("the idle session to be ended", java.time.Duration.ofSeconds(30), () -> {
                try (Connection other = pool.getConnection(); Statement o = other.createStatement();
                     ResultSet rs = o.executeQuery("select count(*) from pg_stat_activity "
                             + "where state = 'idle in transaction' and query = 'select 1'")) {
                    rs.next();
                    return rs.getInt(1) == 0;
                }
            });
            assertThatThrownBy(() -> s.execute("select 2")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(DatabaseFailures.classify(e)).isEqualTo(DatabaseFailures.Kind.UNREACHABLE));
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
