package io.hireload.admin.connect;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps {@link ConnectionSettings} in {@link java.util.prefs.Preferences}: per user, per machine,
 * no file of ours to manage. Tests hand in a throw-away node so they never touch the operator's.
 */
public final class SettingsStore {
    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
    private static final String URL = "server.url";
    private static final String KEY = "server.key";

    private final Preferences node;

    public SettingsStore(Preferences node) {
        this.node = node;
    }

    /** The store the app uses: the user's node for this package. */
    public static SettingsStore forUser() {
        return new SettingsStore(Preferences.userNodeForPackage(SettingsStore.class));
    }

    public ConnectionSettings load() {
        return new ConnectionSettings(node.get(URL, null), Optional.ofNullable(node.get(KEY, null)));
    }

    public void save(ConnectionSettings settings) {
        node.put(URL, settings.url());
        settings.key().ifPresentOrElse(key -> node.put(KEY, key), () -> node.remove(KEY));
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Not worth interrupting the operator: the settings hold for this run anyway.
            LOG.log(Level.WARNING, "cannot save the connection settings", e);
        }
    }
}
