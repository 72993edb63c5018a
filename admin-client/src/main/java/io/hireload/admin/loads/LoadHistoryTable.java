package io.hireload.admin.loads;

import io.hireload.model.LoadReport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** Every load the server remembers, newest first; selecting one shows its report. */
final class LoadHistoryTable extends TableView<LoadReport> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    LoadHistoryTable(LoadsViewModel model) {
        super(model.history());
        setId("load-history");
        setPlaceholder(new Label("No loads yet."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("Load", 45, r -> r.loadId()));
        getColumns().add(column("Table", 95, LoadReport::table));
        getColumns().add(column("Status", 90, r -> LoadProgress.statusOf(r).wire() + (r.dryRun() ? " (dry)" : "")));
        getColumns().add(column("Started", 115, r -> r.startedAt() == null ? "" : WHEN.format(r.startedAt())));
        getColumns().add(column("Read", 55, r -> r.rowsRead()));
        getColumns().add(column("Inserted", 65, r -> r.inserted()));
        getColumns().add(column("Updated", 65, r -> r.updated()));
        getColumns().add(column("Rejected", 65, r -> r.rejected()));
        getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.select(now);
            }
        });
    }

    private static <V> TableColumn<LoadReport, V> column(String title, double width, Function<LoadReport, V> value) {
        TableColumn<LoadReport, V> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
