package io.hireload.tables;

import io.hireload.model.Employee;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcType;
import org.hibernate.type.descriptor.jdbc.TimestampUtcAsOffsetDateTimeJdbcType;

import java.time.Instant;

/**
 * A hired employee. Department and job are kept as plain ids, not associations: loads write
 * millions of rows and never need the related entities.
 */
@Entity(name = "Employee")
@Table(name = "employee")
@Access(AccessType.FIELD)
public class EmployeeEntity implements TableEntity<Employee> {
    @Id
    private Integer id;

    @Column(name = "name", nullable = false)
    private String name;

    /**
     * Through {@code OffsetDateTime}, java.time end to end: Hibernate's default for an Instant goes
     * through {@code java.sql.Timestamp}, whose Julian calendar before 1582 shifts dates by days.
     */
    @Column(name = "hire_date", nullable = false)
    @JdbcType(TimestampUtcAsOffsetDateTimeJdbcType.class)
    private Instant hireDate;

    @Column(name = "department_id", nullable = false)
    private int departmentId;

    @Column(name = "job_id", nullable = false)
    private int jobId;

    protected EmployeeEntity() {
    }

    @Override
    public Integer id() {
        return id;
    }

    @Override
    public Employee toRecord() {
        return new Employee(id, name, hireDate, departmentId, jobId);
    }

    /** The record as answers show it, with the names of its department and job. */
    Employee toRecord(String department, String job) {
        return new Employee(id, name, hireDate, departmentId, jobId, department, job);
    }
}
