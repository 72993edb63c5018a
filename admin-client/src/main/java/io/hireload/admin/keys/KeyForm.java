package io.hireload.admin.keys;

import io.hireload.model.Role;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/** The row that makes a key: who it is for, its role, optionally its last day. */
final class KeyForm extends ToolBar {

    KeyForm(KeysViewModel model) {
        setId("key-form");
        TextField name = new TextField();
        name.setId("key-name");
        name.setPromptText("alice");
        name.setPrefColumnCount(14);
        name.textProperty().bindBidirectional(model.nameProperty());

        ChoiceBox<Role> role = new ChoiceBox<>();
        role.setId("key-role");
        role.getItems().setAll(Role.values());
        role.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role value) {
                return value == null ? "" : value.wire();
            }

            @Override
            public Role fromString(String text) {
                return Role.fromWire(text);
            }
        });
        role.valueProperty().bindBidirectional(model.roleProperty());
        role.setTooltip(new Tooltip("reader: data, metrics, loads; loader: also loads, inserts, uploads, cancels; "
                + "admin: also backups, restores, keys, audit"));

        DatePicker lastDay = new DatePicker();
        lastDay.setId("key-last-day");
        lastDay.setPromptText("never expires");
        lastDay.setPrefWidth(140);
        lastDay.valueProperty().bindBidirectional(model.lastDayProperty());
        lastDay.setTooltip(new Tooltip("The last day (UTC) the key works; empty for a key that does not expire"));

        Button create = new Button("Make key");
        create.setId("create-key");
        create.setDefaultButton(true);
        create.disableProperty().bind(model.busyProperty());
        create.setOnAction(event -> model.create());

        getItems().addAll(new Label("Name"), name, new Label("Role"), role, new Label("Last day"), lastDay, create);
    }
}
