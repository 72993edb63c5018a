package io.hireload.admin.metrics;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiPaths;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.Page;
import io.hireload.model.TopDepartment;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The 2021 metrics: hires per department by quarter (or one department's jobs when drilled into),
 * the by-quarter rows, and the departments above the mean with the mean itself.
 */
public final class MetricsViewModel {
    private final Session session;
    private final Background background;

    private final ObservableList<QuarterTotals> departments = FXCollections.observableArrayList();
    private final ObservableList<QuarterTotals> bars = FXCollections.observableArrayList();
    private final ObservableList<HiredByQuarter> byQuarter = FXCollections.observableArrayList();
    private final ObservableList<TopDepartment> top = FXCollections.observableArrayList();
    private final StringProperty drilled = new SimpleStringProperty(this, "drilled");
    private final DoubleProperty mean = new SimpleDoubleProperty(this, "mean");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);
    private List<HiredByQuarter> rows = List.of();

    public MetricsViewModel(Session session, Background background) {
        this.session = session;
        this.background = background;
        drilled.addListener((obs, old, now) -> showDrill());
        session.clientProperty().addListener((obs, old, now) -> {
            show(new Snapshot(List.of(), List.of(), 0));
            if (now != null) {
                refresh();
            }
        });
    }

    public void refresh() {
        HireloadClient client = session.client().orElse(null);
        if (client == null) {
            notice.set(Notice.error("Not connected: open the Connect tab first."));
            return;
        }
        busy.set(true);
        background.run(() -> fetch(client), snapshot -> {
            busy.set(false);
            show(snapshot);
            notice.set(snapshot.rows().isEmpty()
                    ? Notice.info("No 2021 hires yet. Load the employees on the Loads tab, then refresh.")
                    : Notice.NONE);
        }, problem -> {
            busy.set(false);
            notice.set(Notice.error("Cannot read the metrics. " + Problems.describe(problem)));
        });
    }

    private static Snapshot fetch(HireloadClient client) {
        List<HiredByQuarter> rows = client.allHiredByQuarter2021();
        List<TopDepartment> top = new ArrayList<>();
        Page<TopDepartment> page;
        int number = 1;
        do {
            page = client.topHiringDepartments(number++, ApiPaths.MAX_PAGE_SIZE);
            top.addAll(page.items());
        } while (number <= page.pages());
        // One row of the departments list is enough: its envelope carries the count.
        long departments = client.departments(1, 1).total();
        return new Snapshot(rows, top, departments);
    }

    private void show(Snapshot snapshot) {
        rows = snapshot.rows();
        departments.setAll(HiringFigures.byDepartment(rows));
        top.setAll(snapshot.top());
        mean.set(HiringFigures.mean(HiringFigures.total(rows), snapshot.departments()));
        if (drilled.get() != null && departments.stream().noneMatch(d -> d.label().equals(drilled.get()))) {
            drilled.set(null);
        } else {
            showDrill();
        }
    }

    private void showDrill() {
        String department = drilled.get();
        bars.setAll(department == null ? departments : HiringFigures.jobsOf(rows, department));
        byQuarter.setAll(HiringFigures.rowsOf(rows, department));
    }

    /** Shows one department's jobs; null goes back to every department. */
    public void drillInto(String department) {
        drilled.set(department);
    }

    public void drillOut() {
        drilled.set(null);
    }

    public ObservableList<QuarterTotals> departments() {
        return departments;
    }

    /** What the stacked chart draws: departments, or the drilled department's jobs. */
    public ObservableList<QuarterTotals> bars() {
        return bars;
    }

    public ObservableList<HiredByQuarter> byQuarter() {
        return byQuarter;
    }

    public ObservableList<TopDepartment> top() {
        return top;
    }

    public StringProperty drilledProperty() {
        return drilled;
    }

    public DoubleProperty meanProperty() {
        return mean;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    private record Snapshot(List<HiredByQuarter> rows, List<TopDepartment> top, long departments) {
    }
}
