package io.hireload.admin.metrics;

import io.hireload.admin.support.Formats;
import io.hireload.model.HiredByQuarter;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/** The server's by-quarter rows: department, job, Q1..Q4, as the endpoint answers them. */
final class ByQuarterTable extends TableView<HiredByQuarter> {

    ByQuarterTable(ObservableList<HiredByQuarter> rows) {
        super(rows);
        setId("by-quarter-table");
        setPlaceholder(new Label("No hires in this year."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("department", 170, HiredByQuarter::department));
        getColumns().add(column("job", 240, HiredByQuarter::job));
        getColumns().add(column("Q1", 55, r -> Formats.count(r.q1())));
        getColumns().add(column("Q2", 55, r -> Formats.count(r.q2())));
        getColumns().add(column("Q3", 55, r -> Formats.count(r.q3())));
        getColumns().add(column("Q4", 55, r -> Formats.count(r.q4())));
    }

    private static <V> TableColumn<HiredByQuarter, V> column(String title, double width, Function<HiredByQuarter, V> value) {
        TableColumn<HiredByQuarter, V> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
