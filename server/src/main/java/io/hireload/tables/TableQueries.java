package io.hireload.tables;

import io.hireload.model.Employee;
import io.hireload.model.EmployeeSearch;
import io.hireload.model.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the three tables page by page, ordered by id. */
@ApplicationScoped
public class TableQueries {
    /**
     * Employees as answers show them, a page's items and a single one alike: each with its
     * department's and job's names (rows {@code [entity, department, job]}, see {@link #withNames}).
     */
    private static final String EMPLOYEES_WITH_NAMES = "select e, d.department, j.job from Employee e"
            + " join Department d on d.id = e.departmentId join Job j on j.id = e.jobId";

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    @Transactional(Transactional.TxType.SUPPORTS)
    public <R, E extends TableEntity<R>> Page<R> page(TableKind<R, E> kind, int page, int size) {
        long total = em.createQuery("select count(e) from " + kind.entityName() + " e", Long.class).getSingleResult();
        List<R> items = em.createQuery("select e from " + kind.entityName() + " e order by e.id", kind.entity())
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size))
                .setMaxResults(size)
                .getResultList()
                .stream().map(TableEntity::toRecord).toList();
        return Page.of(items, page, size, total);
    }

    /**
     * A page of employees that match {@code filter}, ordered by id, with their department's and
     * job's names. Every value is a bound parameter; only the shape of the where clause varies.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Employee> employees(EmployeeSearch filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> values = new LinkedHashMap<>();
        if (filter.name() != null) {
            // lower() on both sides: the database's own case folding, the same for value and column
            // (and what the trigram index of V15 is built on).
            where.append(" and lower(e.name) like lower(:name) escape '!'");
            values.put("name", likePattern(filter.name()));
        }
        if (filter.departmentId() != null) {
            where.append(" and e.departmentId = :departmentId");
            values.put("departmentId", filter.departmentId());
        }
        if (filter.jobId() != null) {
            where.append(" and e.jobId = :jobId");
            values.put("jobId", filter.jobId());
        }
        if (filter.hiredFrom() != null) {
            where.append(" and e.hireDate >= :hiredFrom");
            values.put("hiredFrom", filter.hiredFrom());
        }
        if (filter.hiredTo() != null) {
            where.append(" and e.hireDate < :hiredTo");
            values.put("hiredTo", filter.hiredTo());
        }
        TypedQuery<Long> count = em.createQuery("select count(e) from Employee e" + where, Long.class);
        TypedQuery<Object[]> rows = em.createQuery(EMPLOYEES_WITH_NAMES + where + " order by e.id", Object[].class);
        values.forEach((name, value) -> {
            count.setParameter(name, value);
            rows.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<Employee> items = rows
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size))
                .setMaxResults(size)
                .getResultList()
                .stream().map(TableQueries::withNames).toList();
        return Page.of(items, page, size, total);
    }

    /** One employee as {@link #employees} lists it, with its department's and job's names. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Employee> employee(int id) {
        return em.createQuery(EMPLOYEES_WITH_NAMES + " where e.id = :id", Object[].class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .map(TableQueries::withNames);
    }

    private static Employee withNames(Object[] row) {
        return ((EmployeeEntity) row[0]).toRecord((String) row[1], (String) row[2]);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <R, E extends TableEntity<R>> Optional<R> find(TableKind<R, E> kind, int id) {
        return Optional.ofNullable(em.find(kind.entity(), id)).map(TableEntity::toRecord);
    }

    /** A LIKE pattern that finds {@code text} anywhere, its wildcards and the escape {@code !} escaped by {@code !}. */
    static String likePattern(String text) {
        StringBuilder pattern = new StringBuilder("%");
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == '!') {
                pattern.append('!');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
