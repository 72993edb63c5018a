package io.hireload.admin.loads;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/** One load's progress bar, with what it is and how far it got, and a row per file under it. */
final class RunningLoadRow extends VBox {

    RunningLoadRow(RunningLoad load, Consumer<RunningLoad> cancel) {
        setSpacing(2);
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
        status.getStyleClass().add("load-status");
        status.textProperty().bind(Bindings.createStringBinding(
                () -> Outcome.label(load.reportProperty().get()), load.reportProperty()));
        load.reportProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll(Outcome.allStyleClasses());
            status.getStyleClass().add(Outcome.of(now).styleClass());
        });

        Label caption = new Label();
        caption.getStyleClass().add("load-caption");
        caption.textProperty().bind(load.captionProperty());
        HBox.setHgrow(caption, Priority.ALWAYS);
        Button stop = new Button("Cancel load");
        stop.setId("cancel-load-" + load.loadId());
        stop.getStyleClass().add("cancel-load");
        stop.disableProperty().bind(load.finishedProperty().or(load.cancellingProperty()));
        stop.setOnAction(e -> cancel.accept(load));
        HBox header = new HBox(10, title, bar, status, stop, caption);

        GridPane files = new GridPane();
        files.getStyleClass().add("load-files");
        files.setHgap(14);
        load.files().addListener((ListChangeListener<FileProgress>) change -> fill(files, load));
        fill(files, load);
        getChildren().addAll(header, files);
    }

    private static void fill(GridPane grid, RunningLoad load) {
        grid.getChildren().clear();
        for (int row = 0; row < load.files().size(); row++) {
            FileProgress file = load.files().get(row);
            grid.addRow(row, cell(file.file(), "load-file-name"), cell(file.status(), "load-file-status"),
                    cell(file.counts(), "load-file-counts"), cell(file.instance(), "load-file-instance"));
        }
    }

    private static Label cell(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().addAll("load-file", styleClass);
        return label;
    }
}
