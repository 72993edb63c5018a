package io.hireload.admin.support;

import io.hireload.client.HireloadClient;
import io.hireload.model.Caller;
import io.hireload.model.Role;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The connection every view shares: the client of the server the operator connected to, once the
 * Connect view has checked that the server answers and accepts the key, and whether it still
 * answers now (the status bar's truth; see connect/ConnectionWatch). Views listen to it to refresh
 * when the operator connects elsewhere.
 */
public final class Session {
    private static final String NOT_CONNECTED = "Not connected: open the Connect tab first.";

    private final ReadOnlyObjectWrapper<HireloadClient> client = new ReadOnlyObjectWrapper<>(this, "client");
    /** The key the client speaks as, once the server said ({@code GET /keys/me}); null before. */
    private final ReadOnlyObjectWrapper<Caller> caller = new ReadOnlyObjectWrapper<>(this, "caller");

    private final ReadOnlyBooleanWrapper reachable = new ReadOnlyBooleanWrapper(this, "reachable", true);
    private final ReadOnlyObjectWrapper<Instant> unreachableSince = new ReadOnlyObjectWrapper<>(this, "unreachableSince");
    /** Per view's notice, the errors shown while the server was away: cleared when it is back. */
    private final Map<ObjectProperty<Notice>, List<Notice>> outageNotices = new IdentityHashMap<>();

    public void connected(HireloadClient connected) {
        caller.set(null);
        reachable();
        client.set(connected);
    }

    public void disconnect() {
        caller.set(null);
        client.set(null);
        reachable();
    }

    /** The server answered: its errors of the outage, still on screen, go. */
    public void reachable() {
        if (reachable.get()) {
            return;
        }
        unreachableSince.set(null);
        reachable.set(true);
        outageNotices.forEach((notice, raised) -> {
            if (raised.contains(notice.get())) {
                notice.set(Notice.NONE);
            }
            raised.clear();
        });
    }

    /** The server did not answer (the connection watch's poll, or a call that could not reach it). */
    public void unreachable() {
        if (!reachable.get()) {
            return;
        }
        unreachableSince.set(Instant.now());
        reachable.set(false);
        // An error shown just before the outage was noticed is most likely the outage's own.
        outageNotices.forEach((notice, raised) -> {
            if (notice.get().kind() == Notice.Kind.ERROR) {
                raised.add(notice.get());
            }
        });
    }

    /** Has a view's errors that come while the server is away cleared once it answers again. */
    public void clearWhenBack(ObjectProperty<Notice> notice) {
        List<Notice> raised = outageNotices.computeIfAbsent(notice, n -> new ArrayList<>());
        notice.addListener((obs, old, now) -> {
            if (!reachable.get() && now != null && now.kind() == Notice.Kind.ERROR) {
                raised.add(now);
            }
        });
    }

    /** The server said who the connected key is. */
    public void identified(Caller who) {
        caller.set(who);
    }

    public ReadOnlyObjectProperty<Caller> callerProperty() {
        return caller.getReadOnlyProperty();
    }

    /**
     * Whether the connected key's role may do what {@code needed} may: false until the server has
     * said who the key is, so an action the role may not take is never offered (the server refuses
     * it anyway).
     */
    public BooleanBinding allows(Role needed) {
        return Bindings.createBooleanBinding(() -> caller.get() != null && caller.get().role().allows(needed), caller);
    }

    public Optional<HireloadClient> client() {
        return Optional.ofNullable(client.get());
    }

    /**
     * The client; when there is none yet, empty, and {@code tell} has been handed the notice that
     * says what to do first. Every action that needs the server starts here, so all say it alike.
     */
    public Optional<HireloadClient> clientOrTell(Consumer<Notice> tell) {
        HireloadClient now = client.get();
        if (now == null) {
            tell.accept(Notice.error(NOT_CONNECTED));
        }
        return Optional.ofNullable(now);
    }

    public ReadOnlyObjectProperty<HireloadClient> clientProperty() {
        return client.getReadOnlyProperty();
    }

    public BooleanBinding connectedBinding() {
        return Bindings.isNotNull(client);
    }

    /** False from the first unanswered poll until the server answers again. */
    public ReadOnlyBooleanProperty reachableProperty() {
        return reachable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> unreachableSinceProperty() {
        return unreachableSince.getReadOnlyProperty();
    }
}
