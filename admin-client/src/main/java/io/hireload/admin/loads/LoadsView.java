package io.hireload.admin.loads;

import io.hireload.admin.support.NoticeLabel;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Loads tab: start loads, watch them run, read their reports and rejected rows. */
public final class LoadsView extends VBox {

    public LoadsView(LoadsViewModel model) {
        setId("loads-view");
        getStyleClass().add("view");
        setSpacing(10);
        setPadding(new Insets(12));

        ScrollPane running = new ScrollPane(new RunningLoadsPane(model.running()));
        running.setFitToWidth(true);
        running.setPrefHeight(96);
        running.setMinHeight(60);

        VBox history = new VBox(4, sectionTitle("Load history"), new LoadHistoryTable(model));
        VBox.setVgrow(history.getChildren().get(1), Priority.ALWAYS);
        VBox details = new VBox(8, new ReportPane(model.selectedProperty()), new RejectedRowsPane(model));
        VBox.setVgrow(details.getChildren().get(1), Priority.ALWAYS);

        SplitPane split = new SplitPane(history, details);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);

        getChildren().addAll(new LoadControls(model), new NoticeLabel("loads-notice", model.noticeProperty()),
                sectionTitle("Loads started here"), running, split);
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("subheading");
        return label;
    }
}
