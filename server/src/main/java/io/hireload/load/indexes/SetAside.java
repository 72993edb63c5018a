package io.hireload.load.indexes;

import io.hireload.db.DatabaseFailures;
import io.hireload.model.IndexMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * The first step of a load's first object, whichever instance claims it: decides once what the
 * load does with its table's secondary indexes and, when it defers them, records their
 * definitions and drops them in one transaction ({@link Decision}). Later calls answer the
 * decision made; an ended or unknown load decides nothing and answers null.
 */
@ApplicationScoped
public class SetAside {
    private static final Logger LOG = Logger.getLogger(SetAside.class.getName());
    private static final int ATTEMPTS = 5;

    private final Decision decision;

    @Inject
    public SetAside(Decision decision) {
        this.decision = decision;
    }

    /**
     * Another worker of the load deciding, or a dead instance's transaction not yet gone, holds the
     * load's row a while, or writers beside the load hold the table: a lock timeout is tried again,
     * then said as busy, so the object goes back to the queue rather than failing the load.
     */
    public IndexMode prepare(long loadId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return decision.once(loadId);
            } catch (RuntimeException e) {
                DatabaseFailures.Kind kind = DatabaseFailures.classify(e);
                if (kind != DatabaseFailures.Kind.RETRY && kind != DatabaseFailures.Kind.LOCKED) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    // Busy, a passing reason: the object goes back to the queue and decides again, the load runs on.
                    throw DatabaseFailures.describe("set the table's indexes aside", e);
                }
                LOG.fine(() -> "load " + loadId + ": deciding its indexes waited too long; trying again");
            }
        }
    }
}
