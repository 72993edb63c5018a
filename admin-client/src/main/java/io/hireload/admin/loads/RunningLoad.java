package io.hireload.admin.loads;

import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One load the operator started, as its progress bar shows it; updated from each poll. */
public final class RunningLoad {
    private final long loadId;
    private final String table;
    private final ReadOnlyObjectWrapper<LoadReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", LoadProgress.INDETERMINATE);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyObjectWrapper<LoadStatus> status = new ReadOnlyObjectWrapper<>(this, "status", LoadStatus.QUEUED);
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");
    private boolean polling;
    private Runnable stopPolling = () -> { };

    RunningLoad(LoadReport first) {
        this.loadId = first.loadId();
        this.table = first.table();
        update(first);
    }

    void update(LoadReport latest) {
        report.set(latest);
        LoadProgress progress = LoadProgress.of(latest);
        fraction.set(progress.fraction());
        caption.set(progress.caption());
        status.set(LoadProgress.statusOf(latest));
        finished.set(status.get().finished());
    }

    /** A poll failed: say so under the bar but keep polling, the server may come back. */
    void pollFailed(String why) {
        caption.set("cannot read progress: " + why);
    }

    boolean polling() {
        return polling;
    }

    void polling(boolean now) {
        polling = now;
    }

    void stopPollingWith(Runnable stop) {
        stopPolling = stop;
    }

    void stopPolling() {
        stopPolling.run();
        stopPolling = () -> { };
    }

    public long loadId() {
        return loadId;
    }

    public String title() {
        return table + " · load " + loadId;
    }

    public String table() {
        return table;
    }

    public ReadOnlyObjectProperty<LoadReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LoadStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }
}
