package io.hireload.admin;

import io.hireload.admin.audit.AuditViewModel;
import io.hireload.admin.files.FilesViewModel;
import io.hireload.admin.keys.KeysViewModel;
import io.hireload.admin.keys.WhoAmI;
import io.hireload.admin.fix.FixRowsModel;
import io.hireload.admin.backups.BackupsViewModel;
import io.hireload.admin.connect.ConnectViewModel;
import io.hireload.admin.connect.ConnectionWatch;
import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import io.hireload.admin.loads.LoadsViewModel;
import io.hireload.admin.metrics.MetricsViewModel;
import io.hireload.admin.support.FxBackground;
import io.hireload.admin.support.FxTicker;
import io.hireload.admin.support.Session;
import io.hireload.admin.tables.TablesViewModel;
import javafx.application.Platform;

import java.time.Duration;
import java.util.List;

/**
 * The object graph, wired by hand with constructor injection: small enough that a container would
 * only hide it. The app and the UI tests build the same graph, the tests with their own settings.
 */
public final class AdminContext implements AutoCloseable {
    static final Duration POLL_EVERY = Duration.ofMillis(400);
    /** How often the status bar's truth is checked: a GET / of a few hundred bytes. */
    static final Duration REACHABLE_EVERY = Duration.ofSeconds(2);

    private final Session session = new Session();
    private final FxBackground background = new FxBackground();
    private final ConnectViewModel connect;
    private final LoadsViewModel loads;
    private final TablesViewModel tables;
    private final MetricsViewModel metrics;
    private final BackupsViewModel backups;
    private final FilesViewModel files;
    private final FixRowsModel fix;
    private final KeysViewModel keys;
    private final AuditViewModel audit;
    private final ConnectionWatch watch;

    public AdminContext(SettingsStore settings, LocalKey localKey) {
        this.connect = new ConnectViewModel(settings, localKey, session, background);
        this.loads = new LoadsViewModel(session, background, new FxTicker(), POLL_EVERY);
        this.tables = new TablesViewModel(session, background);
        this.metrics = new MetricsViewModel(session, background);
        this.backups = new BackupsViewModel(session, background);
        this.files = new FilesViewModel(session, background, new FxTicker(), loads::follow);
        this.fix = new FixRowsModel(session, background);
        this.keys = new KeysViewModel(session, background);
        this.audit = new AuditViewModel(session, background);
        new WhoAmI(session, background);
        this.watch = new ConnectionWatch(session, background, new FxTicker(), REACHABLE_EVERY);
        // The Connect tab's tiles said "server not reachable" during an outage: ask again once it is back.
        session.reachableProperty().addListener((obs, was, now) -> {
            if (now && session.client().isPresent()) {
                connect.refreshHealth();
            }
        });
        for (var notice : List.of(connect.noticeProperty(), loads.noticeProperty(), metrics.noticeProperty(),
                backups.noticeProperty(), files.noticeProperty(), fix.noticeProperty())) {
            session.clearWhenBack(notice);
        }
        // After a load or a restore the other views' pages are stale: refresh what the operator
        // will look at next.
        loads.writtenLoadsProperty().addListener((obs, old, now) -> dataChanged());
        backups.restoresProperty().addListener((obs, old, now) -> dataChanged());
    }

    private void dataChanged() {
        tables.reloadAll();
        metrics.refresh();
    }

    public Session session() {
        return session;
    }

    public FxBackground background() {
        return background;
    }

    public ConnectViewModel connect() {
        return connect;
    }

    public LoadsViewModel loads() {
        return loads;
    }

    public TablesViewModel tables() {
        return tables;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    public BackupsViewModel backups() {
        return backups;
    }

    public FilesViewModel files() {
        return files;
    }

    public FixRowsModel fix() {
        return fix;
    }

    public KeysViewModel keys() {
        return keys;
    }

    public AuditViewModel audit() {
        return audit;
    }

    @Override
    public void close() {
        background.close(); // first: a tick before the timers stop then asks nothing of the server
        Runnable stop = () -> {
            loads.stopFollowing();
            watch.stop();
        };
        if (Platform.isFxApplicationThread()) {
            stop.run();
        } else {
            Platform.runLater(stop);
        }
    }
}
