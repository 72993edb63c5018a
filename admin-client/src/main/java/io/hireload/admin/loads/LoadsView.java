package io.hireload.admin.loads;

import io.hireload.admin.fix.FixRowsModel;
import io.hireload.admin.fix.FixRowsPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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

    public LoadsView(LoadsViewModel model, FixRowsModel fix) {
        setId("loads-view");
        getStyleClass().add("view");
        setSpacing(10);
        setPadding(new Insets(12));

        ScrollPane running = new ScrollPane(new RunningLoadsPane(model.running(), model::cancel));
        running.setFitToWidth(true);
        running.setMinHeight(40);
        VBox runningBox = new VBox(4, sectionTitle("Running loads"), running);
        VBox.setVgrow(running, Priority.ALWAYS);

        VBox history = new VBox(4, sectionTitle("Load history"), new LoadHistoryTable(model));
        VBox.setVgrow(history.getChildren().get(1), Priority.ALWAYS);
        TabPane rows = new TabPane();
        rows.setId("rows-tabs");
        rows.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab rejected = new Tab("Rejected rows");
        rejected.setId("tab-rejected");
        Tab fixing = new Tab("Fix and resend", new FixRowsPane(fix));
        fixing.setId("tab-fix");
        rejected.setContent(new RejectedRowsPane(model, () -> {
            fix.take(model.selectedProperty().get(), model.rejected());
            rows.getSelectionModel().select(fixing);
        }));
        rows.getTabs().addAll(rejected, fixing);
        VBox details = new VBox(8, new ReportPane(model.selectedProperty()), new FileProgressTable(model.selectedFiles()), rows);
        VBox.setVgrow(rows, Priority.ALWAYS);

        SplitPane split = new SplitPane(history, details);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);

        // The running loads and the rest share the height by a divider the operator drags: a big
        // load's per-file rows need room while it runs, the history and report after.
        SplitPane rooms = new SplitPane(runningBox, split);
        rooms.setId("loads-split");
        rooms.setOrientation(Orientation.VERTICAL);
        rooms.setDividerPositions(0.3);
        VBox.setVgrow(rooms, Priority.ALWAYS);

        getChildren().addAll(new LoadControls(model), new NoticeLabel("loads-notice", model.noticeProperty()), rooms);
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("subheading");
        return label;
    }
}
