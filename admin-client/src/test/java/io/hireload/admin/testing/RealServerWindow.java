package io.hireload.admin.testing;

import io.hireload.admin.AdminContext;
import io.hireload.admin.AdminWindow;
import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The admin window as an operator opens it beside the {@link RealServer}: settings of its own,
 * removed at {@link #close()}, and the key found where a local server keeps it, as `make run` then
 * `make client` would.
 */
public final class RealServerWindow {
    private final Preferences prefs = Preferences.userRoot().node("io/hireload/admin-test/" + UUID.randomUUID());
    private final AdminContext context;
    private final AdminWindow window;

    /** Opens the window on {@code stage}; call from a test's {@code @Start}. */
    public RealServerWindow(Stage stage, double width, double height) {
        context = new AdminContext(new SettingsStore(prefs), new LocalKey(RealServer.dataDir().resolve("admin.key")));
        window = new AdminWindow(context);
        stage.setScene(new Scene(window, width, height));
        stage.show();
    }

    public AdminContext context() {
        return context;
    }

    public AdminWindow window() {
        return window;
    }

    public void close() throws BackingStoreException {
        context.close();
        prefs.removeNode();
    }
}
