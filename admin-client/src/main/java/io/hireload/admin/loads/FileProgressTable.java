package io.hireload.admin.loads;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/** The selected load's files, one row each, as the running load's rows showed them. */
final class FileProgressTable extends TableView<FileProgress> {

    FileProgressTable(ObservableList<FileProgress> files) {
        super(files);
        setId("selected-load-files");
        setPlaceholder(new Label("No S3 object in this load."));
        // Room for what the cells say, a 1M-row file's counts included; the table scrolls sideways
        // rather than cut "1,999 read · 1,929 inserted · …".
        setColumnResizePolicy(UNCONSTRAINED_RESIZE_POLICY);
        setPrefHeight(110);
        getColumns().add(column("File", 280, FileProgress::file));
        getColumns().add(column("Status", 110, FileProgress::status));
        getColumns().add(column("Rows", 560, FileProgress::counts));
        getColumns().add(column("Instance", 140, FileProgress::instance));
    }

    private static TableColumn<FileProgress, String> column(String title, double width, Function<FileProgress, String> value) {
        TableColumn<FileProgress, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
