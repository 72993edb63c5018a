package io.hireload.admin.loads;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import io.hireload.model.ApiPaths;

/** What to load and how: table, batch size, dry run, indexes, and the button that starts it. */
final class LoadControls extends ToolBar {

    LoadControls(LoadsViewModel model) {
        setId("load-controls");
        ChoiceBox<LoadTarget> target = new ChoiceBox<>();
        target.setId("load-target");
        target.getItems().setAll(LoadTarget.values());
        target.valueProperty().bindBidirectional(model.targetProperty());

        Spinner<Integer> batch = new Spinner<>(1, ApiPaths.MAX_BATCH_SIZE, model.batchSizeProperty().get(), 100);
        batch.setId("batch-size");
        batch.setEditable(true);
        batch.setPrefWidth(100);
        batch.setTooltip(new Tooltip("Rows per transaction, 1 to " + ApiPaths.MAX_BATCH_SIZE));
        batch.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.batchSizeProperty().set(now);
            }
        });

        CheckBox dryRun = new CheckBox("Dry run");
        dryRun.setId("dry-run");
        dryRun.setTooltip(new Tooltip("Read and validate every row, write nothing"));
        dryRun.selectedProperty().bindBidirectional(model.dryRunProperty());

        ChoiceBox<IndexChoice> indexes = new ChoiceBox<>();
        indexes.setId("load-indexes");
        indexes.getItems().setAll(IndexChoice.values());
        indexes.valueProperty().bindBidirectional(model.indexesProperty());
        indexes.setTooltip(new Tooltip("Automatic: an empty table, or a load larger than the table, builds its "
                + "secondary indexes once after the data; otherwise they are kept up to date row by row"));

        Button start = new Button("Start load");
        start.setId("start-load");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.startingProperty().or(model.mayLoadBinding().not()));
        start.setOnAction(event -> model.start());

        Button clear = new Button("Clear finished");
        clear.setId("clear-finished");
        clear.setOnAction(event -> model.clearFinished());

        Button refresh = new Button("Refresh history");
        refresh.setId("refresh-history");
        refresh.setOnAction(event -> model.refreshHistory());

        getItems().addAll(new Label("Load"), target, new Label("batch size"), batch, dryRun, indexes, start, clear, refresh);
    }
}
