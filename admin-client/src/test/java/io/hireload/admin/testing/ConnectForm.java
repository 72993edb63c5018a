package io.hireload.admin.testing;

import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;

/**
 * What an operator does on the Connect tab: types the server's address and a key, presses Connect.
 * What the test waits for next is its own (connected, refused, the key's role known).
 */
public final class ConnectForm {
    private ConnectForm() {
    }

    public static void send(FxRobot robot, String url, String key) {
        robot.interact(() -> {
            robot.lookup("#server-url").queryAs(TextField.class).setText(url);
            robot.lookup("#admin-key").queryAs(TextField.class).setText(key);
        });
        robot.clickOn("#connect-button");
    }
}
