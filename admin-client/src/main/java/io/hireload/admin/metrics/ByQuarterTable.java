package io.hireload.admin.metrics;

import io.hireload.admin.support.Columns;
import io.hireload.admin.support.Formats;
import io.hireload.model.HiredByQuarter;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

/** The server's by-quarter rows: department, job, Q1..Q4, as the endpoint answers them. */
final class ByQuarterTable extends TableView<HiredByQuarter> {

    ByQuarterTable(ObservableList<HiredByQuarter> rows) {
        super(rows);
        setId("by-quarter-table");
        setPlaceholder(new Label("No hires in this year."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(Columns.of("department", 170, HiredByQuarter::department));
        getColumns().add(Columns.of("job", 240, HiredByQuarter::job));
        getColumns().add(Columns.of("Q1", 55, r -> Formats.count(r.q1())));
        getColumns().add(Columns.of("Q2", 55, r -> Formats.count(r.q2())));
        getColumns().add(Columns.of("Q3", 55, r -> Formats.count(r.q3())));
        getColumns().add(Columns.of("Q4", 55, r -> Formats.count(r.q4())));
    }
}
