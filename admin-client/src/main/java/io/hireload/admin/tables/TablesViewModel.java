package io.hireload.admin.tables;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Session;
import io.hireload.client.HireloadClient;
import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.Job;

/** The three browsable tables, each paged on its own. */
public final class TablesViewModel {
    private final PagedTableModel<Department> departments;
    private final PagedTableModel<Job> jobs;
    private final PagedTableModel<Employee> employees;

    public TablesViewModel(Session session, Background background) {
        this.departments = new PagedTableModel<>("departments", session, background, HireloadClient::departments, Department::id);
        this.jobs = new PagedTableModel<>("jobs", session, background, HireloadClient::jobs, Job::id);
        this.employees = new PagedTableModel<>("employees", session, background, HireloadClient::employees, Employee::id);
    }

    public PagedTableModel<Department> departments() {
        return departments;
    }

    public PagedTableModel<Job> jobs() {
        return jobs;
    }

    public PagedTableModel<Employee> employees() {
        return employees;
    }

    public void reloadAll() {
        departments.reload();
        jobs.reload();
        employees.reload();
    }
}
