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
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The hiring metrics of a year (2021, the challenge's, by default): hires per department by
 * quarter (or one department's jobs when drilled into), the by-quarter rows, and the departments
 * above the mean with the mean itself.
 */
public final class MetricsViewModel {
    /** The year the challenge asks about, answered by the seed's own paths. */
    public static final int SEED_YEAR = 2021;

    private final Session session;
    private final Background background;

    private final ObservableList<QuarterTotals> departments = FXCollections.observableArrayList();
    private final ObservableList<QuarterTotals> bars = FXCollections.observableArrayList();
    private final ObservableList<HiredByQuarter> byQuarter = FXCollections.observableArrayList();
    private final ObservableList<TopDepartment> top = FXCollections.observableArrayList();
    private final StringProperty drilled = new SimpleStringProperty(this, "drilled");
    private final IntegerProperty year = new SimpleIntegerProperty(this, "year", SEED_YEAR);
    private final DoubleProperty mean = new SimpleDoubleProperty(this, "mean");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);
    private List<HiredByQuarter> rows = List.of();

    public MetricsViewModel(Session session, Background background) {
        this.session = session;
        this.background = background;
        drilled.addListener((obs, old, now) -> showDrill());
        year.addListener((obs, old, now) -> refresh());
        session.clientProperty().addListener((obs, old, now) -> {
            show(new Snapshot(List.of(), List.of()));
            if (now != null) {
                refresh();
            }
        });
    }

    public void refresh() {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        int which = year.get();
        busy.set(true);
        background.run(() -> fetch(client, which), snapshot -> {
            if (which != year.get()) {
                return; // the operator picked another year while this one was on its way
            }
            busy.set(false);
            show(snapshot);
            notice.set(snapshot.rows().isEmpty()
                    ? Notice.info("No hires in " + which + ". Load the employees on the Loads tab, or pick another year.")
                    : Notice.NONE);
        }, problem -> {
            busy.set(false);
            notice.set(Notice.error("Cannot read the metrics. " + Problems.describe(problem)));
        });
    }

    /**
     * The metrics of {@code year}. 2021 goes through the seed's paths, which every server answers;
     * other years through the {@code year} parameter of newer servers.
     */
    private static Snapshot fetch(HireloadClient client, int year) {
        List<HiredByQuarter> rows = year == SEED_YEAR
                ? client.allHiredByQuarter2021()
                : all(page -> client.hiredByQuarter(year, page, ApiPaths.MAX_PAGE_SIZE));
        List<TopDepartment> top = all(page -> year == SEED_YEAR
                ? client.topHiringDepartments(page, ApiPaths.MAX_PAGE_SIZE)
                : client.topHiringDepartments(year, page, ApiPaths.MAX_PAGE_SIZE));
        return new Snapshot(rows, top);
    }

    private static <T> List<T> all(IntFunction<Page<T>> pages) {
        List<T> all = new ArrayList<>();
        Page<T> page;
        int number = 1;
        do {
            page = pages.apply(number++);
            all.addAll(page.items());
        } while (number <= page.pages());
        return all;
    }

    private void show(Snapshot snapshot) {
        rows = snapshot.rows();
        departments.setAll(HiringFigures.byDepartment(rows));
        top.setAll(snapshot.top());
        // The server's mean, the same on every item; with no department above it there is none to draw.
        mean.set(snapshot.top().isEmpty() ? 0 : snapshot.top().get(0).mean());
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
        if (department != null && departments.stream().noneMatch(d -> d.label().equals(department))) {
            return; // a job's bar, or "all others", clicked in a drill-down: nothing deeper to show
        }
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

    /** The years an operator can pick: from 2015 to this year (UTC). */
    public static List<Integer> years() {
        int now = Year.now(ZoneOffset.UTC).getValue();
        return IntStream.rangeClosed(2015, Math.max(now, SEED_YEAR)).boxed().toList();
    }

    public IntegerProperty yearProperty() {
        return year;
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

    private record Snapshot(List<HiredByQuarter> rows, List<TopDepartment> top) {
    }
}
