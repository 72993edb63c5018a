package io.hireload.admin.tables;

import io.hireload.admin.support.Notice;
import io.hireload.model.EmployeeSearch;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
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
    private final ObjectProperty<EmployeeSearch> search = new SimpleObjectProperty<>(this, "search", EmployeeSearch.NONE);

    public TablesViewModel(Session session, Background background) {
        this.departments = new PagedTableModel<>("departments", session, background, HireloadClient::departments, Department::id);
        this.jobs = new PagedTableModel<>("jobs", session, background, HireloadClient::jobs, Job::id);
        this.employees = new PagedTableModel<>("employees", session, background,
                (client, page, size) -> client.employees(search.get(), page, size), Employee::id);
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

    /**
     * Narrows the employees to those matching the search bar's fields (blank ones do not filter) and
     * shows the first page; a field the server would refuse is said here, before any request.
     */
    public void searchEmployees(String name, String departmentId, String jobId, String hiredFrom, String hiredTo) {
        EmployeeSearch wanted;
        try {
            wanted = EmployeeFilters.parse(name, departmentId, jobId, hiredFrom, hiredTo);
        } catch (IllegalArgumentException e) {
            employees.noticeProperty().set(Notice.error(e.getMessage()));
            return;
        }
        search.set(wanted);
        employees.load(1);
    }

    public void clearSearch() {
        search.set(EmployeeSearch.NONE);
        employees.load(1);
    }

    public ObjectProperty<EmployeeSearch> searchProperty() {
        return search;
    }

    public void reloadAll() {
        departments.reload();
        jobs.reload();
        employees.reload();
    }
}
