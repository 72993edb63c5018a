package io.hireload.load.write;

import io.hireload.db.DatabaseFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * How an employee batch's department and job ids are enforced. PostgreSQL's foreign keys check
 * every row with a trigger: half the cost of a bulk COPY into {@code employee}. When the
 * database role may set {@code session_replication_role}, a batch checks its ids in one query
 * that takes the same {@code FOR KEY SHARE} row locks those triggers take, so a department
 * cannot disappear before the batch commits, and then writes in replica mode, which skips the
 * per-row triggers. Replica mode skips the metrics summary's triggers too, so that writer
 * appends the summary's deltas itself ({@link io.hireload.metrics.HireDeltas}). Otherwise (or with
 * {@code hireload.load.set-based-references=false}) every trigger runs as usual.
 */
@ApplicationScoped
public class ReferenceChecks {
    private static final Logger LOG = Logger.getLogger(ReferenceChecks.class.getName());

    private final DataSource dataSource;
    private final boolean wanted;
    private volatile Boolean permitted;

    @Inject
    public ReferenceChecks(@Named("hireload") DataSource dataSource,
                           @ConfigProperties WriteSettings settings) {
        this.dataSource = dataSource;
        this.wanted = settings.setBasedReferences();
    }

    /** True when batches check references themselves and skip the per-row triggers. */
    public boolean setBased() {
        if (!wanted) {
            return false;
        }
        Boolean known = permitted;
        if (known == null) {
            known = probe();
        }
        return known;
    }

    /** Tries the setting once in a transaction it rolls back; remembers the answer. */
    private Boolean probe() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local session_replication_role = replica");
                permitted = true;
                LOG.info("employee batches check department and job ids in one locking query per batch");
            } catch (SQLException e) {
                if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.NOT_PERMITTED) {
                    throw e;
                }
                permitted = false;
                LOG.info("the database role may not set session_replication_role, so employee batches rely on "
                        + "the per-row foreign-key triggers (slower bulk loads; see docs/DEPLOY.md)");
            } finally {
                connection.rollback();
            }
            return permitted;
        } catch (SQLException e) {
            // Database unreachable: ask again next time, and use the triggers meanwhile.
            return false;
        }
    }
}
