package io.hireload.admin.files;

import io.hireload.admin.support.Columns;
import io.hireload.admin.support.ConfirmedAction;
import io.hireload.admin.support.Formats;
import io.hireload.admin.support.NoticeLabel;
import io.hireload.model.BucketFile;
import io.hireload.model.TableName;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;

/** The Files tab: pick a table, see its files in the bucket, upload one (or drop it on the window). */
public final class FilesView extends VBox {
    private final FilesViewModel model;

    public FilesView(FilesViewModel model) {
        this.model = model;
        setId("files-view");
        getStyleClass().add("view");
        setSpacing(10);
        setPadding(new Insets(12));

        ChoiceBox<TableName> table = new ChoiceBox<>();
        table.setId("files-table");
        table.getItems().setAll(TableName.values());
        table.valueProperty().bindBidirectional(model.tableProperty());
        table.setConverter(new StringConverter<>() {
            @Override
            public String toString(TableName name) {
                return name == null ? "" : name.path();
            }

            @Override
            public TableName fromString(String text) {
                return TableName.fromPath(text).orElse(null);
            }
        });
        Button upload = new Button("Upload CSV…");
        upload.setId("upload-file");
        upload.setDefaultButton(true);
        upload.disableProperty().bind(model.uploadingProperty().or(model.mayUploadBinding().not()));
        upload.setOnAction(e -> chooseAndUpload());
        CheckBox andLoad = new CheckBox("Load the table after the upload");
        andLoad.setId("load-after-upload");
        andLoad.selectedProperty().bindBidirectional(model.loadAfterUploadProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-files");
        refresh.setOnAction(e -> model.refresh());
        Button cancel = new Button("Cancel upload");
        cancel.setId("cancel-upload");
        cancel.disableProperty().bind(model.uploadingProperty().not());
        cancel.setOnAction(e -> model.cancelUpload());
        ToolBar bar = new ToolBar(new Label("Table"), table, upload, andLoad, cancel, refresh);

        Label hint = new Label("Or drop a .csv or .csv.gz file anywhere on the window: it goes into the chosen "
                + "table's folder under its own name.");
        hint.getStyleClass().add("hint");

        getChildren().addAll(bar, hint, progress(), new NoticeLabel("files-notice", model.noticeProperty()), files());
    }

    /** Opens the file chooser and uploads what the operator picks; the Upload button and Ctrl+U. */
    public void chooseAndUpload() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Upload a CSV into " + model.tableProperty().get().path());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.csv.gz"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            model.upload(file.toPath());
        }
    }

    private HBox progress() {
        ProgressBar upload = new ProgressBar(0);
        upload.setId("upload-progress");
        upload.setPrefWidth(260);
        upload.progressProperty().bind(model.uploadFractionProperty());
        Label uploadCaption = new Label();
        uploadCaption.setId("upload-caption");
        uploadCaption.textProperty().bind(Bindings.createStringBinding(() -> model.uploadingProperty().get()
                        ? "Uploading · " + Math.round(model.uploadFractionProperty().get() * 100) + "%"
                        : model.uploadFractionProperty().get() >= 1 ? "Uploaded" : "No upload yet",
                model.uploadingProperty(), model.uploadFractionProperty()));

        ProgressBar load = new ProgressBar(0);
        load.setId("upload-load-progress");
        load.setPrefWidth(260);
        Label loadCaption = new Label("No load yet");
        loadCaption.setId("upload-load-caption");
        model.loadProperty().addListener((obs, old, running) -> {
            load.progressProperty().unbind();
            loadCaption.textProperty().unbind();
            if (running == null) {
                load.setProgress(0);
                loadCaption.setText("No load yet");
            } else {
                load.progressProperty().bind(running.fractionProperty());
                loadCaption.textProperty().bind(Bindings.concat("Load ", running.loadId(), " · ",
                        running.captionProperty()));
            }
        });
        HBox box = new HBox(10, upload, uploadCaption, load, loadCaption);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    /** What can be done with the table's files once they are in the bucket. */
    private ToolBar fileActions(TableView<BucketFile> list) {
        Button again = new Button("Load again (force)");
        again.setId("load-again");
        again.setTooltip(new Tooltip("Load every file of the table, those already loaded too"));
        again.setOnAction(e -> model.loadAgain(false));
        Button dry = new Button("Dry run (all files)");
        dry.setId("dry-run-files");
        dry.setTooltip(new Tooltip("Check every file of the table, loaded or not, and write nothing"));
        dry.setOnAction(e -> model.loadAgain(true));
        Button delete = ConfirmedAction.onSelected("Delete…", "delete-file", list,
                chosen -> new ConfirmedAction.Question("Delete a file", "Delete " + chosen.key() + "?",
                        "Delete " + chosen.key() + " (" + Formats.bytes(chosen.size()) + ") from the bucket? Loads "
                                + "that read it keep their reports; the file itself cannot be brought back."),
                model::delete);
        return new ToolBar(new Label("Files in the bucket"), again, dry, delete);
    }

    private VBox files() {
        TableView<BucketFile> table = new TableView<>(model.files());
        table.setId("files-list");
        table.setPlaceholder(new Label("No CSV files for this table in the bucket."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Columns.of("Key", 300, BucketFile::key));
        table.getColumns().add(Columns.of("Size", 100, f -> Formats.bytes(f.size())));
        table.getColumns().add(Columns.of("Last modified", 170, f -> Formats.when(f.lastModified())));
        table.getColumns().add(Columns.of("ETag", 250, BucketFile::etag));
        table.getColumns().add(Columns.of("Loaded", 160, f -> f.loaded() ? "✔ by load " + f.loadedBy() : "not loaded"));
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(4, fileActions(table), table);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }
}
