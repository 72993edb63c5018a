package io.hireload.admin;

import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import io.hireload.admin.testing.ConnectForm;
import io.hireload.admin.testing.FakeHireload;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the window does with a key the server refuses, against a fake server that checks keys (the
 * real server's flow is driven in {@link AdminClientServerTest}).
 */
@ExtendWith(ApplicationExtension.class)
class AdminWindowTest {
    private final Preferences prefs = Preferences.userRoot().node("io/hireload/admin-test/" + UUID.randomUUID());
    private final FakeHireload server = new FakeHireload();
    private AdminContext context;
    private Scene scene;

    @Start
    void start(Stage stage) {
        context = new AdminContext(new SettingsStore(prefs), new LocalKey(Path.of("target", "no-such-dir", "admin.key")));
        AdminWindow window = new AdminWindow(context);
        scene = new Scene(window, 1200, 780);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws BackingStoreException {
        context.close();
        server.close();
        prefs.removeNode();
    }

    private void connect(FxRobot robot, String key) {
        ConnectForm.send(robot, server.url(), key);
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aWrongKeyShowsAMessageAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        connect(robot, "wrong");
        Label notice = robot.lookup("#connect-notice").queryAs(Label.class);
        waitUntil(() -> notice.getText().contains("valid admin key"));
        assertThat(notice.getStyleClass()).contains("notice-error");
        assertThat(context.session().client()).isEmpty();
        assertThat(((javafx.scene.control.TabPane) robot.lookup("#main-tabs").query()).getTabs().get(1).isDisabled()).isTrue();
        connect(robot, FakeHireload.KEY);
        waitUntil(() -> context.session().client().isPresent());
    }

    @Test
    void aServerThatIsDownShowsAMessageAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        String down = server.url();
        server.close();
        robot.interact(() -> robot.lookup("#server-url").queryAs(TextField.class).setText(down));
        robot.clickOn("#connect-button");
        Label notice = robot.lookup("#connect-notice").queryAs(Label.class);
        waitUntil(() -> notice.getText().startsWith("Cannot reach the server"));
        assertThat(robot.lookup("#db-health-title").queryAs(Label.class).getText()).isEqualTo("Database: UNKNOWN");
        // Still answering: the field takes typing and the button is enabled again.
        TextField url = robot.lookup("#server-url").queryAs(TextField.class);
        robot.clickOn(url);
        robot.interact(url::end);
        robot.write("/");
        assertThat(url.getText()).isEqualTo(down + "/");
        assertThat(robot.lookup("#connect-button").queryButton().isDisabled()).isFalse();
    }
}
