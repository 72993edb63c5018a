package io.hireload.admin.connect;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** A component's health at a glance: a coloured dot, UP/DOWN, and the server's detail below. */
final class HealthTile extends VBox {
    private final Circle dot = new Circle(7);
    private final Label title = new Label();
    private final Label detail = new Label();

    HealthTile(String id, ObservableValue<HealthState> state) {
        setId(id);
        getStyleClass().add("health-tile");
        title.setGraphic(dot);
        title.getStyleClass().add("health-title");
        title.setId(id + "-title");
        detail.setWrapText(true);
        detail.getStyleClass().add("health-detail");
        getChildren().addAll(title, detail);
        show(state.getValue());
        state.addListener((obs, old, now) -> show(now));
    }

    private void show(HealthState state) {
        dot.getStyleClass().setAll("health-dot", "health-" + state.level().name().toLowerCase(java.util.Locale.ROOT));
        title.setText(state.summary());
        String files = state.files().isEmpty() ? "" : "\n" + String.join("\n", state.files());
        detail.setText(state.detail() + files);
    }
}
