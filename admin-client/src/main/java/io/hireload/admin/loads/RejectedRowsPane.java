package io.hireload.admin.loads;

import io.hireload.admin.support.Columns;
import io.hireload.model.RejectedRow;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;

/** The rejected rows of the selected load: line, raw text and reason, a page at a time, exportable. */
final class RejectedRowsPane extends VBox {

    RejectedRowsPane(LoadsViewModel model, Runnable fix) {
        setSpacing(4);
        TableView<RejectedRow> table = new TableView<>(model.rejected());
        table.setId("rejected-rows");
        table.setPlaceholder(new Label("No rejected rows."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Columns.of("Line", 55, RejectedRow::line));
        table.getColumns().add(Columns.of("Raw", 260, RejectedRow::raw));
        table.getColumns().add(Columns.of("Reason", 260, RejectedRow::reason));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label caption = new Label();
        caption.setId("rejected-pager");
        caption.textProperty().bind(Bindings.createStringBinding(
                () -> "Rejected rows · " + model.rejectedPagerProperty().get().caption(), model.rejectedPagerProperty()));
        Button previous = new Button("‹");
        previous.setOnAction(e -> model.rejectedPage(model.rejectedPagerProperty().get().page() - 1));
        previous.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !model.rejectedPagerProperty().get().hasPrevious(), model.rejectedPagerProperty()));
        Button next = new Button("›");
        next.setOnAction(e -> model.rejectedPage(model.rejectedPagerProperty().get().page() + 1));
        next.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !model.rejectedPagerProperty().get().hasNext(), model.rejectedPagerProperty()));
        Button export = new Button("Export CSV…");
        export.setId("export-rejected");
        export.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.selectedProperty().get() == null || model.selectedProperty().get().rejected() == 0,
                model.selectedProperty()));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export rejected rows");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            chooser.setInitialFileName("rejected-load-" + model.selectedProperty().get().loadId() + ".csv");
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                model.exportRejected(file.toPath());
            }
        });
        Button fixRows = new Button("Fix and resend…");
        fixRows.setId("fix-rejected");
        fixRows.disableProperty().bind(Bindings.isEmpty(model.rejected()));
        fixRows.setOnAction(e -> fix.run());
        Region spring = new Region();
        javafx.scene.layout.HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(caption, spring, previous, next, fixRows, export);
        getChildren().addAll(bar, table);
    }
}
