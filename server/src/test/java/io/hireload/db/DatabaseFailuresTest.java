package io.hireload.db;

import io.hireload.failure.Failure;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.transaction.xa.XAException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTest {
    /** The shape a commit cut by a lost connection took in the server's log. */
    private static TransactionalException commitCut() {
        XAException xa = new XAException(XAException.XAER_RMFAIL);
        xa.initCause(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        return new TransactionalException("the transaction could not commit", rollback);
    }

    @Test
    void aConnectionLostUnderAFailedCommitIsTheDatabaseUnavailable() {
        assertThat(DatabaseFailures.classify(commitCut())).isEqualTo(DatabaseFailures.Kind.UNREACHABLE);
        assertThat(DatabaseFailures.describe(commitCut())).isInstanceOf(Failure.Unavailable.class);
    }

    @Test
    void aFailureWithoutADatabaseCauseStaysOther() {
        RuntimeException loop = new IllegalStateException("not the database");
        loop.addSuppressed(new IllegalArgumentException("nor this", loop));
        assertThat(DatabaseFailures.classify(loop)).isEqualTo(DatabaseFailures.Kind.OTHER);
    }

    @Test
    void writersMeetingEachOtherIsContentionAndGivingUpSaysSoWithoutTheDriversWords() {
        SQLException duplicate = new SQLException("ERROR: duplicate key value violates unique constraint "
                + "\"employee_pkey\"\n  Detail: Key (id)=(45656) already exists.\n  Where: COPY employee, line 102", "23505");
        SQLException deadlock = new SQLException("ERROR: deadlock detected\n  Detail: Process 4242 waits for "
                + "ShareLock on transaction 777", "40P01");
        SQLException lockWait = new SQLException("ERROR: canceling statement due to lock timeout", "55P03");
        for (SQLException e : new SQLException[]{duplicate, deadlock, lockWait}) {
            RuntimeException wrapped = new IllegalStateException("error executing work [" + e.getMessage() + "] [n/a]", e);
            assertThat(DatabaseFailures.contention(wrapped)).isTrue();
            Failure said = DatabaseFailures.contended(10, wrapped);
            assertThat(said).isInstanceOf(Failure.Busy.class);
            assertThat(said.getMessage()).isEqualTo("a concurrent write to the same ids kept failing; retried 10 "
                    + "times; nothing of it was kept; try again shortly");
        }
        assertThat(DatabaseFailures.contention(commitCut())).isFalse();
    }

    @Test
    void aSessionEndedForSittingIdleInItsTransactionIsLikeACutConnection() {
        SQLException idle = new SQLException("FATAL: terminating connection due to idle-in-transaction timeout", "25P03");
        assertThat(DatabaseFailures.classify(idle)).isEqualTo(DatabaseFailures.Kind.UNREACHABLE);
        assertThat(DatabaseFailures.classify(new SQLException("ERROR: canceling statement due to statement timeout", "57014"))).isEqualTo(DatabaseFailures.Kind.RETRY);
    }
}
