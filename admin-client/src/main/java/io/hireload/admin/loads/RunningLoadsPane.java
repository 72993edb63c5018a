package io.hireload.admin.loads;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/** A progress bar per load followed here (started here or found running), the newest first. */
final class RunningLoadsPane extends VBox {
    private final ObservableList<RunningLoad> loads;
    private final Label empty = new Label("No load running.");
    private final Consumer<RunningLoad> cancel;

    RunningLoadsPane(ObservableList<RunningLoad> loads, Consumer<RunningLoad> cancel) {
        this.loads = loads;
        this.cancel = cancel;
        setId("running-loads");
        setSpacing(6);
        empty.getStyleClass().add("hint");
        loads.addListener((ListChangeListener<RunningLoad>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        if (loads.isEmpty()) {
            getChildren().setAll(empty);
            return;
        }
        // Newest on top: the load just started is in view without scrolling past the finished ones.
        getChildren().setAll(loads.reversed().stream().map(load -> new RunningLoadRow(load, cancel)).toList());
    }
}
