package io.hireload.admin.tables;

import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.Job;
import javafx.geometry.Insets;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** The Tables tab: departments, jobs and employees, each paged by the server. */
public final class TablesView extends VBox {
    private final TabPane tables;

    public TablesView(TablesViewModel model) {
        setId("tables-view");
        getStyleClass().add("view");
        setPadding(new Insets(12));

        search = new EmployeeSearchBar(model);
        tables = new TabPane();
        tables.setId("tables-tabs");
        tables.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tables.getTabs().addAll(
                tab("Employees", employees(model, List.of(
                        new Column<Employee>("id", 70, Employee::id),
                        new Column<Employee>("name", 220, Employee::name),
                        new Column<Employee>("datetime (UTC)", 190,
                                e -> e.datetime() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(e.datetime())),
                        new Column<Employee>("department_id", 100, Employee::departmentId),
                        new Column<Employee>("department", 170, Employee::department),
                        new Column<Employee>("job_id", 70, Employee::jobId),
                        new Column<Employee>("job", 200, Employee::job)))),
                tab("Departments", new PagedTableView<>("departments", model.departments(), List.of(
                        new Column<Department>("id", 70, Department::id),
                        new Column<Department>("department", 400, Department::department)))),
                tab("Jobs", new PagedTableView<>("jobs", model.jobs(), List.of(
                        new Column<Job>("id", 70, Job::id),
                        new Column<Job>("job", 400, Job::job)))));
        VBox.setVgrow(tables, Priority.ALWAYS);
        getChildren().add(tables);
    }

    private final EmployeeSearchBar search;

    private javafx.scene.Node employees(TablesViewModel model, List<Column<Employee>> columns) {
        PagedTableView<Employee> table = new PagedTableView<>("employees", model.employees(), columns);
        VBox box = new VBox(6, search, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    /** Shows the employees and puts the caret in the search bar's name field. */
    public void findEmployee() {
        tables.getSelectionModel().select(0);
        search.focusName();
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT));
        return tab;
    }
}
