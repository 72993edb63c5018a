package io.hireload.admin;

import io.hireload.admin.connect.ConnectionSettings;
import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: builds the graph, opens the window, connects if it can. */
public final class AdminApp extends Application {
    private AdminContext context;

    @Override
    public void start(Stage stage) {
        context = new AdminContext(SettingsStore.forUser(), LocalKey.fromEnvironment(AdminApp::setting));
        ConnectionSettings.fromEnvironment(AdminApp::setting).ifPresent(context.connect().urlProperty()::set);
        AdminWindow window = new AdminWindow(context);
        stage.setTitle("hireload admin");
        stage.setScene(new Scene(window, 1200, 780));
        stage.setOnCloseRequest(event -> {
            if (!window.mayQuit()) {
                event.consume();
            }
        });
        stage.setMinWidth(820);
        stage.setMinHeight(520);
        stage.show();
        // With a key at hand (the usual local case) there is no reason to make the operator click.
        if (!context.connect().keyProperty().get().isBlank()) {
            context.connect().connect();
        }
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    }
}
