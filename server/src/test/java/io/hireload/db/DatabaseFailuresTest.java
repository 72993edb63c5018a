package io.hireload.db;

import io.hireload.failure.Failure;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.transaction.xa.XAException;

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
}
