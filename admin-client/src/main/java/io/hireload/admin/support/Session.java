package io.hireload.admin.support;

import io.hireload.client.HireloadClient;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Optional;

/**
 * The connection every view shares: the client of the server the operator connected to, once the
 * Connect view has checked that the server answers and accepts the key. Views listen to it to
 * refresh when the operator connects elsewhere.
 */
public final class Session {
    private final ReadOnlyObjectWrapper<HireloadClient> client = new ReadOnlyObjectWrapper<>(this, "client");

    public void connected(HireloadClient connected) {
        client.set(connected);
    }

    public void disconnect() {
        client.set(null);
    }

    public Optional<HireloadClient> client() {
        return Optional.ofNullable(client.get());
    }

    /** The client, or an exception whose message tells the operator what to do first. */
    public HireloadClient require() {
        return client().orElseThrow(() -> new IllegalStateException("Not connected: open the Connect tab first."));
    }

    public ReadOnlyObjectProperty<HireloadClient> clientProperty() {
        return client.getReadOnlyProperty();
    }

    public BooleanBinding connectedBinding() {
        return Bindings.isNotNull(client);
    }
}
