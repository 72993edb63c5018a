package io.hireload.metrics;

import io.hireload.model.HiredByQuarter;
import io.hireload.model.Page;
import io.hireload.model.TopDepartment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * The hiring metrics, answered by the SQL functions of {@code migrations/} (V11, reading the
 * summary that V11, V12 and V14 keep): the order, the UTC quarters and the mean are defined there
 * once.
 */
@ApplicationScoped
public class MetricsService {
    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<HiredByQuarter> hiredByQuarter(int year, int page, int limit) {
        long total = ((Number) em.createNativeQuery("select count(*) from hired_by_quarter(:year)")
                .setParameter("year", year).getSingleResult()).longValue();
        List<Object[]> rows = em.createNativeQuery(
                        "select department, job, q1, q2, q3, q4 from hired_by_quarter(:year) limit :limit offset :offset")
                .setParameter("year", year)
                .setParameter("limit", limit)
                .setParameter("offset", (long) (page - 1) * limit)
                .getResultList();
        return Page.of(rows.stream().map(r -> new HiredByQuarter((String) r[0], (String) r[1], integer(r[2]),
                integer(r[3]), integer(r[4]), integer(r[5]))).toList(), page, limit, total);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<TopDepartment> topHiringDepartments(int year, int page, int limit) {
        // One statement, so the mean and the departments above it come from one snapshot; the mean
        // as a scalar subquery, computed once rather than once a row (V23).
        List<Object[]> rows = em.createNativeQuery("select id, department, hired, (select department_hires_mean(:year))"
                        + " from top_hiring_departments(:year)")
                .setParameter("year", year)
                .getResultList();
        List<TopDepartment> all = rows.stream()
                .map(r -> new TopDepartment(integer(r[0]), (String) r[1], ((Number) r[2]).longValue(),
                        ((Number) r[3]).doubleValue())).toList();
        int from = (int) Math.min(all.size(), (long) (page - 1) * limit);
        int to = (int) Math.min(all.size(), (long) from + limit);
        return Page.of(all.subList(from, to), page, limit, all.size());
    }

    private static int integer(Object value) {
        return ((Number) value).intValue();
    }

    /**
     * Folds the hire deltas that writers appended into the metrics' summary, in a short
     * transaction of its own; skipped when another compaction is running, since it folds them too.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void compact() {
        em.createNativeQuery("select compact_hires()").getSingleResult();
    }
}
