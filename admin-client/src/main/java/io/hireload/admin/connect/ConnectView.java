package io.hireload.admin.connect;

import io.hireload.admin.support.NoticeLabel;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Connect tab: where to find the server, with which key, and whether it is healthy. */
public final class ConnectView extends VBox {

    public ConnectView(ConnectViewModel model) {
        setId("connect-view");
        getStyleClass().add("view");
        setSpacing(14);
        setPadding(new Insets(18));

        Label heading = new Label("Connect to a hireload server");
        heading.getStyleClass().add("heading");

        TextField url = new TextField();
        url.setId("server-url");
        url.setPromptText(ConnectionSettings.DEFAULT_URL);
        url.textProperty().bindBidirectional(model.urlProperty());

        PasswordField key = new PasswordField();
        key.setId("admin-key");
        key.setPromptText("admin key (Bearer)");
        key.textProperty().bindBidirectional(model.keyProperty());
        // Enter in either field connects, as the default button would if a text field did not take it first.
        url.setOnAction(event -> model.connect());
        key.setOnAction(event -> model.connect());

        Button connect = new Button("Connect");
        connect.setId("connect-button");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.busyProperty());
        connect.setOnAction(event -> model.connect());

        Button check = new Button("Check health");
        check.setId("check-health");
        check.disableProperty().bind(model.busyProperty());
        check.setOnAction(event -> model.refreshHealth());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        form.addRow(0, new Label("Server URL"), url);
        form.addRow(1, new Label("Admin key"), key);
        Label hint = new Label("Empty: the key a local server keeps in " + model.localKey().file());
        hint.getStyleClass().add("hint");
        form.add(hint, 1, 2);
        form.add(new HBox(10, connect, check, spinner), 1, 3);

        Label server = new Label();
        server.setId("server-name");
        server.getStyleClass().add("subheading");
        server.textProperty().bind(model.serverProperty());

        HealthTile database = new HealthTile("db-health", model.databaseProperty());
        HealthTile s3 = new HealthTile("s3-health", model.s3Property());
        HBox tiles = new HBox(14, database, s3);
        HBox.setHgrow(database, Priority.ALWAYS);
        HBox.setHgrow(s3, Priority.ALWAYS);
        database.setMaxWidth(Double.MAX_VALUE);
        s3.setMaxWidth(Double.MAX_VALUE);

        getChildren().addAll(heading, form, new NoticeLabel("connect-notice", model.noticeProperty()), server, tiles);
    }
}
