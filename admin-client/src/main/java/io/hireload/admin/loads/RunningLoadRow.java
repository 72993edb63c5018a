package io.hireload.admin.loads;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** One load's progress bar, with what it is and how far it got. */
final class RunningLoadRow extends HBox {

    RunningLoadRow(RunningLoad load) {
        setSpacing(10);
        getStyleClass().add("running-load");
        setId("running-load-" + load.table());
        Label title = new Label(load.title());
        title.setMinWidth(170);
        title.getStyleClass().add("running-load-title");

        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("load-progress");
        bar.setPrefWidth(280);
        bar.progressProperty().bind(load.fractionProperty());

        Label status = new Label();
        status.setMinWidth(80);
        status.textProperty().bind(Bindings.createStringBinding(
                () -> load.statusProperty().get().wire(), load.statusProperty()));
        status.getStyleClass().add("load-status");
        load.statusProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll("status-failed", "status-succeeded");
            if (now.finished()) {
                status.getStyleClass().add(now.name().equals("SUCCEEDED") ? "status-succeeded" : "status-failed");
            }
        });

        Label caption = new Label();
        caption.getStyleClass().add("load-caption");
        caption.textProperty().bind(load.captionProperty());
        HBox.setHgrow(caption, Priority.ALWAYS);
        getChildren().addAll(title, bar, status, caption);
    }
}
