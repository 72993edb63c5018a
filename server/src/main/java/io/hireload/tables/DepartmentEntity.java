package io.hireload.tables;

import io.hireload.model.Department;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity(name = "Department")
@Table(name = "department")
@Access(AccessType.FIELD)
public class DepartmentEntity implements TableEntity<Department> {
    @Id
    private Integer id;

    @Column(name = "department", nullable = false)
    private String department;

    protected DepartmentEntity() {
    }

    @Override
    public Integer id() {
        return id;
    }

    @Override
    public Department toRecord() {
        return new Department(id, department);
    }
}
