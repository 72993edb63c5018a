package io.hireload.admin.loads;

import io.hireload.admin.support.Formats;
import io.hireload.model.LoadReport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

import java.util.function.Function;

/**
 * Every load the server remembers, newest first; selecting one shows its report. A load that ended
 * with rejected rows is amber, one whose every row was rejected (or that failed) red.
 */
final class LoadHistoryTable extends TableView<LoadReport> {
    /** Room for the widest figure the column will show, beyond its header: "4,825,285". */
    private static final String WIDE_COUNT = "99,999,999";

    LoadHistoryTable(LoadsViewModel model) {
        super(model.history());
        setId("load-history");
        setPlaceholder(new Label("No loads yet."));
        // Columns keep the width of their content; the table scrolls sideways rather than cut them.
        setColumnResizePolicy(UNCONSTRAINED_RESIZE_POLICY);
        getColumns().add(column("Load", "99999", r -> r.loadId()));
        getColumns().add(column("Table", "departments", LoadReport::table));
        getColumns().add(column("Status", "succeeded, all rows rejected", Outcome::label));
        getColumns().add(column("Started", "2026-12-06 14:40:00", r -> Formats.when(r.startedAt())));
        getColumns().add(column("Time", "59 min 59 s", r -> Formats.duration(r.durationMs())));
        getColumns().add(column("Read", WIDE_COUNT, r -> Formats.count(r.rowsRead())));
        getColumns().add(column("Inserted", WIDE_COUNT, r -> Formats.count(r.inserted())));
        getColumns().add(column("Updated", WIDE_COUNT, r -> Formats.count(r.updated())));
        getColumns().add(column("Rejected", WIDE_COUNT, r -> Formats.count(r.rejected())));
        getColumns().add(column("Source", "watch", LoadReport::source));
        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(LoadReport item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Outcome.allStyleClasses());
                if (!empty && item != null) {
                    getStyleClass().add(Outcome.of(item).styleClass());
                }
            }
        });
        getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.select(now);
            }
        });
    }

    /** A column as wide as the wider of its title and {@code widest}, the longest value it expects. */
    private static <V> TableColumn<LoadReport, V> column(String title, String widest, Function<LoadReport, V> value) {
        TableColumn<LoadReport, V> column = new TableColumn<>(title);
        column.setId("history-" + title.toLowerCase(java.util.Locale.ROOT));
        double text = Math.max(new Text(title).getLayoutBounds().getWidth(), new Text(widest).getLayoutBounds().getWidth());
        column.setPrefWidth(Math.ceil(text) + 24);
        column.setMinWidth(new Text(title).getLayoutBounds().getWidth() + 20);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
