package io.hireload.db;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;

/**
 * A commit that fails (the connection cut while PostgreSQL commits, say) leaves Narayana's
 * transactional interceptor as a checked {@code RollbackException} or {@code Heuristic*Exception}
 * that no {@code @Transactional} method declares. It slipped past every {@code catch
 * (RuntimeException)} written to wait out a database that is away: a synchronous load whose status
 * poll met the cut answered a generic 500 instead of 503 (DatabaseFaultsTest, about one run in ten).
 * These interceptors sit just outside Narayana's (priority 200) on the two kinds that begin and
 * commit a transaction and give such a failure as the specification's unchecked
 * {@link TransactionalException}, its cause kept for {@link DatabaseFailures}.
 */
public final class CommitFailures {
    /** Narayana's interceptors run at 200; a lower number runs first, so outside them. */
    static final int OUTSIDE_THE_TRANSACTION = Interceptor.Priority.PLATFORM_BEFORE + 199;

    private CommitFailures() {
    }

    private static Object unchecked(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            for (Class<?> declared : call.getMethod().getExceptionTypes()) {
                if (declared.isInstance(e)) {
                    throw e;
                }
            }
            throw new TransactionalException("the transaction could not commit", e);
        }
    }

    @Interceptor
    @Transactional(Transactional.TxType.REQUIRED)
    @Priority(OUTSIDE_THE_TRANSACTION)
    public static class Required {
        @AroundInvoke
        Object around(InvocationContext call) throws Exception {
            return unchecked(call);
        }
    }

    /** The same around-invoke, inherited; only the binding differs. */
    @Interceptor
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @Priority(OUTSIDE_THE_TRANSACTION)
    public static class RequiresNew extends Required {
    }
}
