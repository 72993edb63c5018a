package io.hireload.load.queue;

import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
import io.hireload.observe.LoadFinished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * An operator's cancel of a load, from the request to the load's end: a queued load ends at once,
 * a running one stops at its workers' next batch and ends when the last of them has recorded its
 * object {@code cancelled}.
 */
@ApplicationScoped
public class LoadCancels {
    /**
     * The objects of a load being cancelled that nobody writes any more: those not begun, and those
     * whose worker stopped renewing their lease (its instance died). They end {@code cancelled} at
     * their last committed line, where the next load of the table continues them.
     */
    private static final String CANCEL_UNWORKED = StatusSql.sql("""
            update load_item i set status = ?, lease_until = null
              from load_run r
             where r.id = i.load_id and r.status = {load_running} and r.cancel_requested_at is not null
               and (r.id = ? or ?) and i.status in {item_open}
               and (i.status = {item_queued} or i.lease_until < now())""");

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Loads that end, for the server's metrics (counted once the transaction commits). */
    @Inject
    Event<LoadFinished> finished;

    private int ended(List<LoadFinished> loads) {
        loads.forEach(finished::fire);
        return loads.size();
    }

    static void cancelUnworked(Connection c, long loadId, boolean all) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CANCEL_UNWORKED)) {
            StatusSql.bind(s, ItemStatus.CANCELLED, loadId, all);
            s.executeUpdate();
        }
    }

    /** What a request to cancel a load found. */
    public enum CancelOutcome {
        /** No such load. */
        UNKNOWN,
        /** The load had ended already. */
        ENDED,
        /** A cancel of this load was asked for before, and its workers are stopping. */
        ALREADY_CANCELLING,
        /** The load was queued, or nothing of it was being written: it is cancelled now. */
        CANCELLED,
        /** Its workers stop at their next batch; the load ends once their batches in flight committed. */
        CANCELLING
    }

    /** The outcome of a cancel, and the load's status as the cancel found it. */
    public record Cancel(CancelOutcome outcome, LoadStatus found) {
    }

    /**
     * Cancels a queued or running load: a queued one ends {@code cancelled} at once; a running one
     * is marked, its objects not begun end {@code cancelled}, and every instance is told (NOTIFY on
     * {@link LoadSignals#CANCEL_CHANNEL}) so the workers writing its objects stop after their batches
     * in flight; the last of them ends the load. The load's row is locked first, so a promotion or
     * an end racing with the cancel is seen, not overwritten.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Cancel cancel(long loadId) {
        return work(c -> {
            LoadStatus status;
            boolean requested;
            try (PreparedStatement s = c.prepareStatement(
                    "select status, cancel_requested_at is not null from load_run where id = ? for update")) {
                s.setLong(1, loadId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return new Cancel(CancelOutcome.UNKNOWN, null);
                    }
                    status = LoadStatus.fromWire(rs.getString(1));
                    requested = rs.getBoolean(2);
                }
            }
            if (status.finished()) {
                return new Cancel(CancelOutcome.ENDED, status);
            }
            if (requested) {
                return new Cancel(CancelOutcome.ALREADY_CANCELLING, status);
            }
            if (status == LoadStatus.QUEUED) {
                try (PreparedStatement s = c.prepareStatement("""
                        update load_item set status = ? where load_id = ? and status = ?""")) {
                    StatusSql.bind(s, ItemStatus.CANCELLED, loadId, ItemStatus.QUEUED);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("""
                        update load_run set status = ?, finished_at = now(), error = ?, cancel_requested_at = now()
                         where id = ?
                        returning\s""" + LoadEnds.ENDED)) {
                    StatusSql.bind(s, LoadStatus.CANCELLED, LoadRuns.CANCELLED, loadId);
                    ended(LoadEnds.ended(s));
                }
                update(c, "delete from load_key where load_id = ?", loadId);
                // A load of the same table queued behind this one may start now.
                LoadSignals.notifyWork(c);
                return new Cancel(CancelOutcome.CANCELLED, status);
            }
            update(c, "update load_run set cancel_requested_at = now() where id = ?", loadId);
            cancelUnworked(c, loadId, false);
            LoadSignals.notifyCancel(c, loadId);
            boolean over = ended(LoadItems.finishIfDone(c, loadId, false)) > 0;
            if (over) {
                LoadSignals.notifyWork(c);
            }
            return new Cancel(over ? CancelOutcome.CANCELLED : CancelOutcome.CANCELLING, status);
        });
    }

    /**
     * A worker stopped an object of a load being cancelled, its batches in flight committed: the
     * object ends {@code cancelled} at its last committed line, and the load with it when it was
     * the last one being written. Guarded by the claim, like every change of a worker's.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean cancelled(ClaimedItem item) {
        return work(c -> {
            boolean mine;
            try (PreparedStatement s = c.prepareStatement("""
                    update load_item set status = ?, lease_until = null
                     where id = ? and claim = ? and status = ?""")) {
                StatusSql.bind(s, ItemStatus.CANCELLED, item.itemId(), item.claim(), ItemStatus.RUNNING);
                mine = s.executeUpdate() == 1;
            }
            if (ended(LoadItems.finishIfDone(c, item.loadId(), false)) > 0) {
                LoadSignals.notifyWork(c);
            }
            return mine;
        });
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
