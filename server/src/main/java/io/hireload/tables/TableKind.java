package io.hireload.tables;

import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.Job;
import io.hireload.model.TableName;


/** Ties a table of the API to its entity, so reads are written once for all three. */
public record TableKind<R, E extends TableEntity<R>>(TableName table, Class<E> entity) {
    public static final TableKind<Department, DepartmentEntity> DEPARTMENTS =
            new TableKind<>(TableName.DEPARTMENTS, DepartmentEntity.class);
    public static final TableKind<Job, JobEntity> JOBS =
            new TableKind<>(TableName.JOBS, JobEntity.class);
    public static final TableKind<Employee, EmployeeEntity> EMPLOYEES =
            new TableKind<>(TableName.EMPLOYEES, EmployeeEntity.class);

    public static TableKind<?, ?> of(TableName table) {
        return switch (table) {
            case DEPARTMENTS -> DEPARTMENTS;
            case JOBS -> JOBS;
            case EMPLOYEES -> EMPLOYEES;
        };
    }

    /** The JPQL entity name; a constant of this class, never user input. */
    public String entityName() {
        return entity.getAnnotation(jakarta.persistence.Entity.class).name();
    }
}
