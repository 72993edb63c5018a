package io.hireload.admin.backups;

import io.hireload.admin.support.Columns;
import io.hireload.admin.support.ConfirmedAction;
import io.hireload.admin.support.Formats;
import io.hireload.admin.support.NoticeLabel;
import io.hireload.model.BackupInfo;
import io.hireload.model.TableName;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Arrays;
import java.util.Optional;

/** The Backups tab: back a table (or all) up, list the backups, restore one after a confirmation. */
public final class BackupsView extends VBox {

    public BackupsView(BackupsViewModel model) {
        setId("backups-view");
        getStyleClass().add("view");
        setSpacing(8);
        setPadding(new Insets(12));

        ChoiceBox<Optional<TableName>> table = new ChoiceBox<>();
        table.setId("backup-table");
        table.getItems().add(Optional.empty());
        Arrays.stream(TableName.values()).map(Optional::of).forEach(table.getItems()::add);
        table.setConverter(new StringConverter<>() {
            @Override
            public String toString(Optional<TableName> value) {
                return value == null ? "" : value.map(TableName::path).orElse("All tables");
            }

            @Override
            public Optional<TableName> fromString(String text) {
                return TableName.fromPath(text);
            }
        });
        table.valueProperty().bindBidirectional(model.tableProperty());

        Button backUp = new Button("Back up now");
        backUp.setId("back-up");
        backUp.disableProperty().bind(model.busyProperty());
        backUp.setOnAction(event -> model.backUp());

        TableView<BackupInfo> list = new TableView<>(model.backups());
        list.setId("backups-table");
        list.setPlaceholder(new Label("No backups yet."));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.getColumns().add(Columns.of("Backup", 60, BackupInfo::id));
        list.getColumns().add(Columns.of("Table", 100, BackupInfo::table));
        list.getColumns().add(Columns.of("Rows", 70, b -> Formats.count(b.rows())));
        list.getColumns().add(Columns.of("Bytes", 80, b -> Formats.count(b.bytes())));
        list.getColumns().add(Columns.of("Taken", 150, b -> Formats.when(b.createdAt())));
        list.getColumns().add(Columns.of("Codec", 70, BackupInfo::codec));
        list.getColumns().add(Columns.of("Where", 380, BackupInfo::location));
        VBox.setVgrow(list, Priority.ALWAYS);

        Button restore = ConfirmedAction.onSelected("Restore selected…", "restore-backup", list, model.busyProperty(),
                chosen -> new ConfirmedAction.Question("Restore " + chosen.table(),
                        "Restore " + chosen.table() + " from backup " + chosen.id() + "?",
                        BackupsViewModel.confirmation(chosen)),
                model::restore);

        Button refresh = new Button("Refresh");
        refresh.setOnAction(event -> model.list(model.pagerProperty().get().page()));
        Label pages = new Label();
        pages.textProperty().bind(Bindings.createStringBinding(() -> model.pagerProperty().get().caption(),
                model.pagerProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(new Label("Table"), table, backUp, refresh, spring, pages, restore);

        getChildren().addAll(bar, new NoticeLabel("backups-notice", model.noticeProperty()), list);
    }
}
