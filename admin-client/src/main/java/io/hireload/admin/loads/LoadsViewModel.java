package io.hireload.admin.loads;

import io.hireload.admin.support.Formats;
import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Pager;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.model.Role;
import javafx.beans.binding.BooleanBinding;
import io.hireload.admin.support.Ticker;
import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiPaths;
import io.hireload.model.LoadReport;
import io.hireload.model.RejectedRow;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Starts loads asynchronously and follows each one by polling {@code /loads/{id}} until it is
 * finished, then shows its report and rejected rows. Polling rather than one long request keeps
 * the window responsive and survives the server being behind a load balancer with timeouts.
 * The history is read again every few polls while connected: a load it lists as running that
 * this window does not follow yet (an S3 event's, the watch's, another client's) is followed
 * like one started here.
 */
public final class LoadsViewModel {
    public static final int REJECTED_PAGE_SIZE = 100;
    static final int HISTORY_SIZE = 100;
    /** The history is cheaper to miss by a second than to poll as often as a running load. */
    static final int POLLS_PER_HISTORY_READ = 5;

    private final Session session;
    private final Background background;
    private final Ticker ticker;
    private final Duration pollEvery;

    private final ObjectProperty<LoadTarget> target = new SimpleObjectProperty<>(this, "target", LoadTarget.ALL_TABLES);
    private final ObjectProperty<IndexChoice> indexes = new SimpleObjectProperty<>(this, "indexes", IndexChoice.AUTOMATIC);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", ApiPaths.MAX_BATCH_SIZE);
    private final BooleanProperty dryRun = new SimpleBooleanProperty(this, "dryRun");
    private final BooleanProperty starting = new SimpleBooleanProperty(this, "starting");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);
    private final ObservableList<RunningLoad> running = FXCollections.observableArrayList();
    private final ObservableList<LoadReport> history = FXCollections.observableArrayList();
    private final ObjectProperty<LoadReport> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<RejectedRow> rejected = FXCollections.observableArrayList();
    private final ObservableList<FileProgress> selectedFiles = FXCollections.observableArrayList();
    private Runnable stopWatchingHistory = () -> { };
    private boolean readingHistory;
    private final ReadOnlyIntegerWrapper writtenLoads = new ReadOnlyIntegerWrapper(this, "writtenLoads");
    private final ObjectProperty<Pager> rejectedPager = new SimpleObjectProperty<>(this, "rejectedPager",
            Pager.empty(REJECTED_PAGE_SIZE));

    public LoadsViewModel(Session session, Background background, Ticker ticker, Duration pollEvery) {
        this.session = session;
        this.background = background;
        this.ticker = ticker;
        this.pollEvery = pollEvery;
        session.clientProperty().addListener((obs, old, now) -> {
            stopWatchingHistory.run();
            stopWatchingHistory = () -> { };
            running.forEach(RunningLoad::stopPolling);
            running.clear();
            history.clear();
            select(null);
            if (now != null) {
                refreshHistory();
                stopWatchingHistory = ticker.every(pollEvery.multipliedBy(POLLS_PER_HISTORY_READ), this::refreshHistory);
            }
        });
    }

    /** Starts the chosen load on the server and begins following it. */
    public void start() {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        int size = batchSize.get();
        if (size < 1 || size > ApiPaths.MAX_BATCH_SIZE) {
            notice.set(Notice.error("Batch size must be 1 to " + ApiPaths.MAX_BATCH_SIZE + "."));
            return;
        }
        LoadTarget what = target.get();
        boolean dry = dryRun.get();
        starting.set(true);
        notice.set(Notice.info("Starting " + (dry ? "a dry run of " : "a load of ") + what.toString().toLowerCase() + " ..."));
        background.run(what.start(client, size, dry, indexes.get()),
                reports -> {
                    starting.set(false);
                    notice.set(Notice.info("Started " + reports.size() + (reports.size() == 1 ? " load." : " loads.")));
                    reports.forEach(this::follow);
                    refreshHistory();
                },
                problem -> {
                    starting.set(false);
                    notice.set(Notice.error("The load did not start. " + Problems.describe(problem)));
                });
    }

    /**
     * Follows a load started elsewhere (an upload with its load) as if started here: a bar among
     * the running loads, polled until it ends. Answers the load, to bind other views to.
     */
    public RunningLoad follow(LoadReport first) {
        RunningLoad load = track(first);
        if (!load.finishedProperty().get()) {
            refreshHistory();
        }
        return load;
    }

    /** One bar per load: a load the history already brought in is the one an upload binds to. */
    private RunningLoad track(LoadReport first) {
        for (RunningLoad known : running) {
            if (known.loadId() == first.loadId()) {
                return known;
            }
        }
        RunningLoad load = new RunningLoad(first);
        running.add(load);
        load.whenFinished(() -> finished(load));
        if (!load.finishedProperty().get()) {
            load.stopPollingWith(ticker.every(pollEvery, () -> poll(load)));
        }
        return load;
    }

    private void poll(RunningLoad load) {
        if (load.polling() || load.finishedProperty().get()) {
            return; // a slow answer is still on its way; never stack polls on a busy server
        }
        HireloadClient client = session.client().orElse(null);
        if (client == null) {
            load.stopPolling();
            return;
        }
        load.polling(true);
        background.run(() -> client.loadById(load.loadId()), latest -> {
            load.polling(false);
            load.update(latest); // the load's end, if this is it, calls finished
        }, problem -> {
            load.polling(false);
            if (problem instanceof ApiException api && api.status() == 404) {
                load.stopPolling();
            }
            load.pollFailed(Problems.describe(problem));
        });
    }

    private void finished(RunningLoad load) {
        load.stopPolling();
        LoadReport report = load.reportProperty().get();
        if (!report.dryRun()) {
            writtenLoads.set(writtenLoads.get() + 1);
        }
        notice.set(load.endNotice(report.table()));
        // Loads of one start can finish within one poll; show the newest, whatever order the
        // answers arrive in (employees, the last of an all-tables load, is the one with rows).
        LoadReport shown = selected.get();
        if (shown == null || report.loadId() >= shown.loadId()) {
            select(report);
        }
        refreshHistory();
    }

    /** Shows a report and the first page of its rejected rows. */
    public void select(LoadReport report) {
        selected.set(report);
        selectedFiles.setAll(FileProgress.of(report));
        rejected.clear();
        rejectedPager.set(Pager.empty(REJECTED_PAGE_SIZE));
        if (report != null && report.rejected() > 0) {
            rejectedPage(1);
        }
    }

    public void rejectedPage(int page) {
        LoadReport report = selected.get();
        HireloadClient client = session.client().orElse(null);
        if (report == null || client == null) {
            return;
        }
        int wanted = rejectedPager.get().pages() == 0 ? 1 : rejectedPager.get().clamp(page);
        background.run(() -> client.rejected(report.loadId(), wanted, REJECTED_PAGE_SIZE), answer -> {
            if (selected.get() != report) {
                return; // the operator moved on while this page was on its way
            }
            rejected.setAll(answer.items());
            rejectedPager.set(Pager.of(answer));
        }, problem -> notice.set(Notice.error("Cannot list the rejected rows. " + Problems.describe(problem))));
    }

    /** Reads the history again and follows the running loads in it that no bar follows yet. */
    public void refreshHistory() {
        HireloadClient client = session.client().orElse(null);
        if (client == null || readingHistory) {
            return; // one read at a time: the periodic read must not stack on a slow server
        }
        readingHistory = true;
        background.run(() -> client.loads(1, HISTORY_SIZE), answer -> {
            readingHistory = false;
            if (session.client().orElse(null) != client) {
                return; // an answer of the server this window has just left
            }
            List<LoadReport> newestFirst = new ArrayList<>(answer.items());
            newestFirst.sort(Comparator.comparingLong(LoadReport::loadId).reversed());
            history.setAll(newestFirst);
            newestFirst.reversed().stream() // oldest first, as bars are ordered by start
                    .filter(report -> !LoadProgress.statusOf(report).finished())
                    .forEach(this::track);
        }, problem -> {
            readingHistory = false;
            notice.set(Notice.error("Cannot read the load history. " + Problems.describe(problem)));
        });
    }

    /**
     * Asks the server to stop a load; the bar keeps being polled and shows the load's end when the
     * server has stopped it (at its next batch). A load that ended meanwhile is said so, not an error.
     */
    public void cancel(RunningLoad load) {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null || load.finishedProperty().get()) {
            return;
        }
        load.cancelling(true);
        notice.set(Notice.info("Cancelling " + load.title() + " ..."));
        background.run(() -> client.cancelLoad(load.loadId()), latest -> {
            load.update(latest);
            notice.set(Notice.info("Cancel asked for " + load.title() + "; it stops at its next batch."));
        }, problem -> {
            load.cancelling(false);
            if (problem instanceof ApiException api && api.status() == 409) {
                notice.set(Notice.info(load.title() + " had already ended."));
                poll(load);
            } else {
                notice.set(Notice.error("Cannot cancel " + load.title() + ". " + Problems.describe(problem)));
            }
        });
    }

    /** Loads followed here that have not ended: what quitting would leave unwatched. */
    public long unfinished() {
        return running.stream().filter(load -> !load.finishedProperty().get()).count();
    }

    /** Saves the server's file of every rejected row of the selected load to {@code file}, off the FX thread. */
    public void exportRejected(Path file) {
        LoadReport report = selected.get();
        HireloadClient client = session.client().orElse(null);
        if (report == null || client == null) {
            notice.set(Notice.error("Select a load first."));
            return;
        }
        background.run(() -> {
            client.saveRejectedCsv(report.loadId(), file);
            return file;
        }, written -> notice.set(Notice.success("Wrote the " + Formats.count(report.rejected())
                        + " rejected rows of load " + report.loadId() + " to " + written + ".")),
                problem -> notice.set(Notice.error("Cannot export the rejected rows. " + Problems.describe(problem))));
    }

    /** Stops every timer of this model (the history watch, each load's poll): the window is closing. */
    public void stopFollowing() {
        stopWatchingHistory.run();
        stopWatchingHistory = () -> { };
        running.forEach(RunningLoad::stopPolling);
    }

    /** Forgets the finished loads' bars; their reports stay in the history. */
    public void clearFinished() {
        running.removeIf(load -> load.finishedProperty().get());
    }

    /** Counts finished loads that may have changed the tables, so other views know to refresh. */
    public ReadOnlyIntegerProperty writtenLoadsProperty() {
        return writtenLoads.getReadOnlyProperty();
    }

    public ObjectProperty<IndexChoice> indexesProperty() {
        return indexes;
    }

    public ObjectProperty<LoadTarget> targetProperty() {
        return target;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public BooleanProperty dryRunProperty() {
        return dryRun;
    }

    /** Whether the connected key's role may start loads (loader or admin). */
    public BooleanBinding mayLoadBinding() {
        return session.allows(Role.LOADER);
    }

    public BooleanProperty startingProperty() {
        return starting;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public ObservableList<RunningLoad> running() {
        return running;
    }

    public ObservableList<LoadReport> history() {
        return history;
    }

    public ObjectProperty<LoadReport> selectedProperty() {
        return selected;
    }

    public ObservableList<RejectedRow> rejected() {
        return rejected;
    }

    /** The per-file rows of the selected load's report. */
    public ObservableList<FileProgress> selectedFiles() {
        return selectedFiles;
    }

    public ObjectProperty<Pager> rejectedPagerProperty() {
        return rejectedPager;
    }
}
