package io.hireload.admin;

import javafx.application.Application;

/**
 * Entry point. A class that does not extend {@link Application} lets the launcher start the app
 * with JavaFX on the class path as well as on the module path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(AdminApp.class, args);
    }
}
