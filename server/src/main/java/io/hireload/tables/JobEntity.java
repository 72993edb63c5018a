package io.hireload.tables;

import io.hireload.model.Job;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity(name = "Job")
@Table(name = "job")
@Access(AccessType.FIELD)
public class JobEntity implements TableEntity<Job> {
    @Id
    private Integer id;

    @Column(name = "job", nullable = false)
    private String job;

    protected JobEntity() {
    }

    @Override
    public Integer id() {
        return id;
    }

    @Override
    public Job toRecord() {
        return new Job(id, job);
    }
}
