package io.hireload.admin.loads;

import io.hireload.admin.support.Notice;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * One running load as its progress bar and its per-file rows show it, updated from each poll:
 * started here, by an upload, by another client or by the server itself (an S3 event, the watch).
 */
public final class RunningLoad {
    private final long loadId;
    private final String table;
    private final String source;
    private final ObservableList<FileProgress> files = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LoadReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", LoadProgress.INDETERMINATE);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyObjectWrapper<LoadStatus> status = new ReadOnlyObjectWrapper<>(this, "status", LoadStatus.QUEUED);
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(this, "cancelling");
    private boolean polling;
    private Runnable stopPolling = () -> { };

    RunningLoad(LoadReport first) {
        this.loadId = first.loadId();
        this.table = first.table();
        this.source = first.source();
        update(first);
    }

    void update(LoadReport latest) {
        report.set(latest);
        LoadProgress progress = LoadProgress.of(latest);
        fraction.set(progress.fraction());
        caption.set(progress.caption());
        status.set(LoadProgress.statusOf(latest));
        List<FileProgress> now = FileProgress.of(latest);
        if (!now.equals(files)) {
            files.setAll(now); // unchanged polls leave the rows alone, so nothing flickers
        }
        if (status.get().finished()) {
            cancelling.set(false);
        }
        finished.set(status.get().finished()); // last: who waits for the end sees the whole last report
    }

    /**
     * Runs {@code then} once the load has ended: now, when it already has. Every view that follows a
     * load (the Loads tab's bars, an upload's load on the Files tab) waits for its end here.
     */
    public void whenFinished(Runnable then) {
        if (finished.get()) {
            then.run();
            return;
        }
        finished.addListener((obs, old, done) -> {
            if (done) {
                then.run();
            }
        });
    }

    /** What the operator is told once it has ended, the load called {@code name}: its caption, as success or error. */
    public Notice endNotice(String name) {
        return status.get() == LoadStatus.SUCCEEDED
                ? Notice.success(name + ": " + caption.get() + ".")
                : Notice.error(name + " " + caption.get());
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
        return table + " · load " + loadId + (source == null ? "" : " · " + source);
    }

    /** How it started: {@code s3}, {@code api}, {@code event} or {@code watch}; null from an older server. */
    public String source() {
        return source;
    }

    /** One row per S3 object of the load, in the server's (key) order. */
    public ObservableList<FileProgress> files() {
        return files;
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

    /** A cancel was asked for and the load has not ended yet. */
    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    void cancelling(boolean now) {
        cancelling.set(now && !finished.get());
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }
}
