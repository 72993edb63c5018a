package io.hireload.db;

import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction refused at its commit must reach the caller unchecked: Narayana answers a checked
 * RollbackException there, which went past the {@code catch (RuntimeException)} of the code that
 * waits out a database away and ended as a 500.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@AddBean(CommitFailuresTest.RefusedAtCommit.class)
class CommitFailuresTest {
    private final RefusedAtCommit refused;

    @Inject
    CommitFailuresTest(RefusedAtCommit refused) {
        this.refused = refused;
    }

    @Test
    void aCommitThatFailsReachesTheCallerAsAnUncheckedTransactionalException() {
        assertThatThrownBy(refused::ownTransaction)
                .isInstanceOf(TransactionalException.class)
                .hasCauseInstanceOf(RollbackException.class);
        assertThatThrownBy(refused::joinedOrOwnTransaction)
                .isInstanceOf(TransactionalException.class)
                .hasCauseInstanceOf(RollbackException.class);
    }

    /** Work whose commit fails the way a cut connection fails it: after the method returned. */
    public static class RefusedAtCommit {
        private final TransactionManager transactions;

        @Inject
        RefusedAtCommit(TransactionManager transactions) {
            this.transactions = transactions;
        }

        RefusedAtCommit() {
            this.transactions = null;
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void ownTransaction() {
            refuseTheCommit();
        }

        @Transactional
        public void joinedOrOwnTransaction() {
            refuseTheCommit();
        }

        private void refuseTheCommit() {
            try {
                transactions.getTransaction().registerSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                        throw new IllegalStateException("the database went away while committing");
                    }

                    @Override
                    public void afterCompletion(int status) {
                    }
                });
            } catch (RollbackException | SystemException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
