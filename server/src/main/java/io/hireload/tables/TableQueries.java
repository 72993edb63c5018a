package io.hireload.tables;

import io.hireload.model.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Reads the three tables page by page, ordered by id. */
@ApplicationScoped
public class TableQueries {
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

    @Transactional(Transactional.TxType.SUPPORTS)
    public <R, E extends TableEntity<R>> Optional<R> find(TableKind<R, E> kind, int id) {
        return Optional.ofNullable(em.find(kind.entity(), id)).map(TableEntity::toRecord);
    }
}
