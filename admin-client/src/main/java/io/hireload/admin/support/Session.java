package io.hireload.admin.support;

import io.hireload.client.HireloadClient;
import io.hireload.model.Caller;
import io.hireload.model.Role;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The connection every view shares: the client of the server the operator connected to, once the
 * Connect view has checked that the server answers and accepts the key. Views listen to it to
 * refresh when the operator connects elsewhere.
 */
public final class Session {
    private static final String NOT_CONNECTED = "Not connected: open the Connect tab first.";

    private final ReadOnlyObjectWrapper<HireloadClient> client = new ReadOnlyObjectWrapper<>(this, "client");
    /** The key the client speaks as, once the server said ({@code GET /keys/me}); null before. */
    private final ReadOnlyObjectWrapper<Caller> caller = new ReadOnlyObjectWrapper<>(this, "caller");

    public void connected(HireloadClient connected) {
        caller.set(null);
        client.set(connected);
    }

    public void disconnect() {
        caller.set(null);
        client.set(null);
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
}
