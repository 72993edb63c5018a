package io.hireload.admin.loads;

import io.hireload.admin.support.Columns;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

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
        getColumns().add(Columns.of("File", 280, FileProgress::file));
        getColumns().add(Columns.of("Status", 110, FileProgress::status));
        getColumns().add(Columns.of("Rows", 560, FileProgress::counts));
        getColumns().add(Columns.of("Instance", 140, FileProgress::instance));
    }
}
