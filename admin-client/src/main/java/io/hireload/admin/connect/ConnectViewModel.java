package io.hireload.admin.connect;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.HealthAnswer;
import io.hireload.model.ServiceInfo;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Connects to a server: checks that it answers, shows its database and S3 health, and checks the
 * key on a call that needs one, since the health checks are open to anyone and would let a wrong
 * key through unnoticed.
 */
public final class ConnectViewModel {
    static final String DATABASE = "Database";
    static final String S3 = "S3";

    private final SettingsStore store;
    private final LocalKey localKey;
    private final Session session;
    private final Background background;

    private final StringProperty url = new SimpleStringProperty(this, "url");
    private final StringProperty key = new SimpleStringProperty(this, "key");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);
    private final ObjectProperty<HealthState> database = new SimpleObjectProperty<>(this, "database", HealthState.unknown(DATABASE));
    private final ObjectProperty<HealthState> s3 = new SimpleObjectProperty<>(this, "s3", HealthState.unknown(S3));
    private final StringProperty server = new SimpleStringProperty(this, "server", "");
    /** The key the open session uses, to tell a reconnect to the same server from a switch. */
    private String connectedKey;

    public ConnectViewModel(SettingsStore store, LocalKey localKey, Session session, Background background) {
        this.store = store;
        this.localKey = localKey;
        this.session = session;
        this.background = background;
        ConnectionSettings saved = store.load();
        url.set(saved.url());
        key.set(saved.key().or(localKey::read).orElse(""));
        if (key.get().isEmpty()) {
            notice.set(Notice.info("No key found in " + localKey.file()
                    + ". Start the server once (make run) or paste the key."));
        }
    }

    /** Checks the server and the key; on success every other view works against this server. */
    public void connect() {
        Optional<URI> base = parse(url.get());
        if (base.isEmpty()) {
            notice.set(Notice.error("Not a server URL: \"" + url.get() + "\". Use http://host:port, e.g. "
                    + ConnectionSettings.DEFAULT_URL + "."));
            return;
        }
        // An emptied key box means the local server's key, as at start-up.
        String typed = key.get() == null ? "" : key.get().strip();
        String using = typed.isEmpty() ? localKey.read().orElse("") : typed;
        HireloadClient client = new HireloadClient(base.get(), using);
        busy.set(true);
        notice.set(Notice.info("Connecting to " + base.get() + (typed.isEmpty() && !using.isEmpty()
                ? " with the key in " + localKey.file() : "") + " ..."));
        background.run(() -> probe(client), probe -> connected(client, using, probe), this::unreachable);
    }

    /** Asks the server for its health again without changing the connection. */
    public void refreshHealth() {
        session.client().ifPresentOrElse(client -> {
            busy.set(true);
            background.run(() -> probe(client), probe -> {
                busy.set(false);
                show(probe);
            }, this::unreachable);
        }, this::connect);
    }

    private Probe probe(HireloadClient client) {
        ServiceInfo info = client.info();
        HealthAnswer db = healthOrDown(DATABASE, client::databaseHealth);
        HealthAnswer objects = healthOrDown(S3, client::s3Health);
        Throwable keyProblem = null;
        try {
            // Employee data needs a credential (SPEC 5), so one row tells whether the key is good.
            client.employees(1, 1);
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                keyProblem = e;
            } else {
                throw e;
            }
        }
        return new Probe(info, db, objects, keyProblem);
    }

    private static HealthAnswer healthOrDown(String component, java.util.function.Supplier<HealthAnswer> check) {
        try {
            return check.get();
        } catch (ApiException e) {
            // A health check that fails another way still says the component is not fine.
            return new HealthAnswer(HealthAnswer.DOWN, component, Problems.describe(e), java.util.List.of());
        }
    }

    private void connected(HireloadClient client, String usedKey, Probe probe) {
        busy.set(false);
        show(probe);
        if (probe.keyProblem() != null) {
            // The session already open (if any) stays: a refused attempt is no reason to lose the work on it.
            notice.set(Notice.error(Problems.describe(probe.keyProblem()) + stillConnected()));
            return;
        }
        if (sameServer(client, usedKey)) {
            session.reachable(); // the same server and key: keep the session, its loads and rows being fixed
        } else {
            session.connected(client);
            connectedKey = usedKey;
        }
        remember();
        notice.set(Notice.success("Connected to " + describe(probe.info()) + " at " + client.base() + "."));
    }

    private void unreachable(Throwable problem) {
        busy.set(false);
        // The session stays: when the server comes back, the loads followed and the rows being fixed are still there.
        String why = Problems.describe(problem);
        database.set(HealthState.unreachable(DATABASE, "server not reachable"));
        s3.set(HealthState.unreachable(S3, "server not reachable"));
        notice.set(Notice.error(why + stillConnected()));
    }

    private String stillConnected() {
        return session.client().map(open -> " The session with " + open.base() + " stays open.").orElse("");
    }

    private boolean sameServer(HireloadClient client, String usedKey) {
        return session.client().map(open -> open.base().equals(client.base()) && usedKey.equals(connectedKey))
                .orElse(false);
    }

    private void show(Probe probe) {
        server.set(describe(probe.info()));
        database.set(HealthState.of(DATABASE, probe.database()));
        s3.set(HealthState.of(S3, probe.s3()));
    }

    /** The key is remembered only when it is not the local admin.key, which is read afresh at each start. */
    private void remember() {
        String typed = key.get() == null ? "" : key.get().strip();
        boolean local = typed.isEmpty() || localKey.read().filter(typed::equals).isPresent();
        store.save(new ConnectionSettings(url.get(), local ? Optional.empty() : Optional.of(typed)));
    }

    private static String describe(ServiceInfo info) {
        if (info == null || info.name() == null) {
            return "the server";
        }
        return info.name() + (info.version() == null ? "" : " " + info.version());
    }

    static Optional<URI> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public ObjectProperty<HealthState> databaseProperty() {
        return database;
    }

    public ObjectProperty<HealthState> s3Property() {
        return s3;
    }

    /** "hireload 0.1.0" once connected. */
    public StringProperty serverProperty() {
        return server;
    }

    public LocalKey localKey() {
        return localKey;
    }

    private record Probe(ServiceInfo info, HealthAnswer database, HealthAnswer s3, Throwable keyProblem) {
    }
}
