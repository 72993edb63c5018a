package io.hireload.load.queue.lease;

import io.hireload.load.queue.LoadEnds;
import io.hireload.load.queue.LoadSignals;
import io.hireload.load.queue.LoadRuns;
import io.hireload.load.queue.StatusSql;
import io.hireload.load.queue.LoadItems;
import io.hireload.config.InstanceId;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who works what, and for how long: each instance's heartbeat ({@code load_worker}) and the
 * leases on the items it holds. A lease renewed keeps an item its holder's; a lease run out lets
 * any instance take the item over; a clean stop hands items back, or, from the last instance,
 * ends their loads {@code interrupted}. The queue itself is {@link LoadItems}.
 */
@ApplicationScoped
public class ItemLeases {
    private static final Logger LOG = Logger.getLogger(ItemLeases.class.getName());
    /**
     * Ends the sessions of an instance whose item is being taken over, once that instance has not
     * beaten for a lease: it is dead or frozen. A frozen process's open transactions (a batch
     * mid-statement is not idle, so idle_in_transaction_session_timeout never ends it) hold the
     * rows the new holder must write; ended, they roll back and free them now. Only sessions this
     * role may end are asked; an idle pooled session holds nothing and is left.
     */
    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Loads that end, for the server's metrics (counted once the transaction commits). */
    @Inject
    Event<LoadFinished> finished;

    /**
     * Extends the leases of the items this instance holds ({@code held}: item id to claim);
     * answers the ids still its own, each with whether its load is being cancelled (its worker
     * stops after its batches in flight, which still need the lease). An item missing from the
     * answer was taken over (this instance was thought dead) or its load ended or is failing: its worker stops.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<Long, Boolean> extend(Map<Long, Long> held, int leaseSeconds) {
        if (held.isEmpty()) {
            return Map.of();
        }
        return work(c -> {
            Map<Long, Boolean> kept = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    update load_item i set lease_until = now() + make_interval(secs => ?)
                      from unnest(?::bigint[], ?::bigint[]) h(id, claim), load_run r
                     where i.id = h.id and i.claim = h.claim and i.status = ?
                       and r.id = i.load_id and r.status = ? and r.failing is null
                    returning i.id, r.cancel_requested_at is not null""")) {
                StatusSql.bind(s, leaseSeconds, c.createArrayOf("bigint", held.keySet().toArray()),
                        c.createArrayOf("bigint", held.keySet().stream().map(held::get).toArray()),
                        ItemStatus.RUNNING, LoadStatus.RUNNING);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        kept.put(rs.getLong(1), rs.getBoolean(2));
                    }
                }
            }
            return kept;
        });
    }

    /**
     * Hands items back to the queue at their last committed line, for another instance to
     * continue; the other instances' idle workers hear of it when this commits. An item of a load
     * being cancelled ends {@code cancelled} instead, and its load with it when it was the last.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int release(Map<Long, Long> held) {
        if (held.isEmpty()) {
            return 0;
        }
        return work(c -> {
            int released;
            try (PreparedStatement s = c.prepareStatement("""
                    update load_item i set status = case when r.cancel_requested_at is null then ? else ? end,
                           instance = case when r.cancel_requested_at is null then null else i.instance end,
                           lease_until = null
                      from unnest(?::bigint[], ?::bigint[]) h(id, claim), load_run r
                     where i.id = h.id and i.claim = h.claim and i.status = ? and r.id = i.load_id""")) {
                StatusSql.bind(s, ItemStatus.QUEUED, ItemStatus.CANCELLED, c.createArrayOf("bigint", held.keySet().toArray()),
                        c.createArrayOf("bigint", held.keySet().stream().map(held::get).toArray()), ItemStatus.RUNNING);
                released = s.executeUpdate();
            }
            LoadItems.finishIfDone(c, 0, true).forEach(finished::fire);
            LoadSignals.notifyWork(c);
            return released;
        });
    }

    /**
     * The last instance stops: the loads it accepted or was working end {@code interrupted} with
     * why (one that was failing ends {@code failed}, with its reason), their unfinished objects back
     * to {@code queued} at their last committed line, so calling the load again continues them. A load an operator was cancelling ends
     * {@code cancelled}, its objects being written with it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int interrupt(String instance, Collection<Long> heldItems, String reason) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update load_item i set status = case when r.cancel_requested_at is null then ? else ? end,
                           instance = case when r.cancel_requested_at is null then null else i.instance end,
                           lease_until = null
                      from load_run r
                     where i.id = any(?) and i.status = ? and r.id = i.load_id""")) {
                StatusSql.bind(s, ItemStatus.QUEUED, ItemStatus.CANCELLED, c.createArrayOf("bigint", heldItems.toArray()),
                        ItemStatus.RUNNING);
                s.executeUpdate();
            }
            List<LoadFinished> ended;
            try (PreparedStatement s = c.prepareStatement(StatusSql.sql("""
                    with ended as (
                        update load_run set status = case when failing is not null then ?
                                                          when cancel_requested_at is null then ? else ? end,
                               finished_at = now(),
                               error = case when failing is not null then failing
                                            when cancel_requested_at is null then ? else ? end
                         where status in {load_open} and source <> 'api'
                           and (owner = ? or id in (select load_id from load_item where id = any(?)))
                        returning *),
                         forgotten as (delete from load_key k using ended where k.load_id = ended.id)
                    select\s""" + LoadEnds.ENDED + " from ended"))) {
                StatusSql.bind(s, LoadStatus.FAILED, LoadStatus.INTERRUPTED, LoadStatus.CANCELLED, reason, LoadRuns.CANCELLED, instance,
                        c.createArrayOf("bigint", heldItems.toArray()));
                ended = LoadEnds.ended(s);
            }
            ended.forEach(finished::fire);
            return ended.size();
        });
    }

    /** This instance is alive and works items. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void beat(String instance) {
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into load_worker (instance, heartbeat_at) values (?, now())
                    on conflict (instance) do update set heartbeat_at = now()""")) {
                s.setString(1, instance);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Whether another instance has beaten within {@code expirySeconds}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean othersAlive(String instance, int expirySeconds) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select exists (select 1 from load_worker where instance <> ?
                                      and heartbeat_at > now() - make_interval(secs => ?))""")) {
                s.setString(1, instance);
                s.setInt(2, expirySeconds);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /** This instance leaves (a clean stop); a long-gone instance's row is dropped too. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void leave(String instance) {
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    delete from load_worker where instance = ? or heartbeat_at < now() - interval '1 day'""")) {
                s.setString(1, instance);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Whether an item's lease has run out (its instance stopped renewing it): a worker should take it over. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean orphaned() {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(StatusSql.sql("""
                    select exists (select 1 from load_item i join load_run r on r.id = i.load_id
                                    where i.status = {item_running} and i.lease_until < now()
                                      and r.status = {load_running})"""));
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
