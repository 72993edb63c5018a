package io.hireload.admin.tables;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/** Find a person: name, department, job and hire dates, sent to the server as filters. */
public final class EmployeeSearchBar extends FlowPane {
    private final TextField name = field("employee-search-name", "Name contains…", 200);

    public EmployeeSearchBar(TablesViewModel model) {
        setId("employee-search");
        setHgap(6);
        setVgap(6);
        TextField department = field("employee-search-department", "Department id", 110);
        TextField job = field("employee-search-job", "Job id", 80);
        TextField from = field("employee-search-from", "Hired from", 150);
        TextField to = field("employee-search-to", "Hired to", 150);
        from.setTooltip(new Tooltip("A date (2021-01-01, from the start of that day, UTC) or an instant with a zone"));
        to.setTooltip(new Tooltip("A date (2021-12-31, up to the end of that day, UTC) or an instant with a zone "
                + "(exclusive)"));
        Button search = new Button("Search");
        search.setId("employee-search-button");
        Runnable run = () -> model.searchEmployees(name.getText(), department.getText(), job.getText(), from.getText(),
                to.getText());
        search.setOnAction(e -> run.run());
        for (TextField f : new TextField[] {name, department, job, from, to}) {
            f.setOnAction(e -> run.run());
        }
        Button clear = new Button("Clear");
        clear.setId("employee-search-clear");
        clear.disableProperty().bind(Bindings.createBooleanBinding(() -> model.searchProperty().get().isEmpty(),
                model.searchProperty()));
        clear.setOnAction(e -> {
            for (TextField f : new TextField[] {name, department, job, from, to}) {
                f.clear();
            }
            model.clearSearch();
        });
        getChildren().addAll(new Label("Find"), name, department, job, from, to, search, clear);
    }

    /** Puts the caret in the name field: Ctrl+F. */
    public void focusName() {
        name.requestFocus();
        name.selectAll();
    }

    private static TextField field(String id, String prompt, double width) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        return field;
    }
}
