package io.hireload.admin;

import io.hireload.admin.support.Formats;
import io.hireload.admin.support.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableIntegerValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Which server the window talks to and whether it answers now, and a spinner while calls are under way. */
final class StatusBar extends HBox {

    StatusBar(Session session, ObservableIntegerValue running) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(8);
        setPadding(new Insets(3, 10, 3, 10));
        Label connection = new Label();
        connection.setId("status-connection");
        connection.textProperty().bind(Bindings.createStringBinding(() -> session.client()
                .map(client -> session.reachableProperty().get() ? "Connected to " + client.base()
                        : client.base() + " is not answering since " + Formats.when(session.unreachableSinceProperty().get())
                        + "; trying again every few seconds")
                .orElse("Not connected"), session.clientProperty(), session.reachableProperty(),
                session.unreachableSinceProperty()));
        session.reachableProperty().addListener((obs, old, now) -> {
            connection.getStyleClass().removeAll("status-reachable", "status-unreachable");
            connection.getStyleClass().add(now ? "status-reachable" : "status-unreachable");
        });
        Label key = new Label();
        key.setId("status-key");
        key.textProperty().bind(Bindings.createStringBinding(() -> session.callerProperty().get() == null ? ""
                : "as " + session.callerProperty().get().name() + " (" + session.callerProperty().get().role().wire()
                + ")", session.callerProperty()));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        spinner.visibleProperty().bind(Bindings.greaterThan(running, 0));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(connection, key, spring, spinner);
    }
}
