package io.hireload.admin.audit;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;

/** Who and from when: a person (a key's name, typed or picked) and a first day (UTC). */
final class AuditFilters extends ToolBar {

    AuditFilters(AuditViewModel model) {
        setId("audit-filters");
        ComboBox<String> person = new ComboBox<>(model.people());
        person.setId("audit-actor");
        person.setEditable(true);
        person.setPromptText("anyone");
        person.setPrefWidth(160);
        person.getEditor().textProperty().bindBidirectional(model.actorProperty());

        DatePicker from = new DatePicker();
        from.setId("audit-from");
        from.setPromptText("any day");
        from.setPrefWidth(140);
        from.valueProperty().bindBidirectional(model.fromProperty());

        Button show = new Button("Show");
        show.setId("audit-show");
        show.setDefaultButton(true);
        show.setOnAction(event -> model.show(1));
        Button clear = new Button("Clear filters");
        clear.setId("audit-clear");
        clear.setOnAction(event -> model.clearFilters());

        getItems().addAll(new Label("Person"), person, new Label("From (UTC)"), from, show, clear);
    }
}
