package io.hireload.admin.keys;

import io.hireload.admin.AdminContext;
import io.hireload.admin.AdminWindow;
import io.hireload.admin.testing.ConnectForm;
import io.hireload.admin.testing.RealServer;
import io.hireload.admin.testing.RealServerWindow;
import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiKey;
import io.hireload.model.AuditEntry;
import io.hireload.model.CreatedKey;
import io.hireload.model.NewKey;
import io.hireload.model.Role;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Keys and Audit tabs driven headless against the real server: an admin makes a key, sees its
 * secret once and copies it, finds the key's refusals in the audit trail by person and day, and
 * revokes it after a confirmation; a reader's window says who it is and offers no load, upload,
 * backup, key or audit.
 */
@ExtendWith({RealServer.class, ApplicationExtension.class})
class KeysAndAuditViewsTest {
    private final String person = "carol-" + UUID.randomUUID().toString().substring(0, 8);
    private RealServerWindow ui;
    private AdminContext context;
    private AdminWindow window;

    @Start
    void start(Stage stage) {
        ui = new RealServerWindow(stage, 1200, 780);
        context = ui.context();
        window = ui.window();
    }

    @AfterEach
    void stop() throws BackingStoreException {
        ui.close();
    }

    @Test
    void anAdminMakesAKeyCopiesItsSecretOnceFindsItInTheAuditTrailAndRevokesIt(FxRobot robot) throws Exception {
        connect(robot, RealServer.KEY);
        waitUntil(() -> context.session().callerProperty().get() != null);
        assertThat(robot.lookup("#status-key").queryAs(Label.class).getText()).isEqualTo("as env-admin (admin)");
        assertThat(tab(robot, "keys").isDisabled()).isFalse();
        assertThat(tab(robot, "audit").isDisabled()).isFalse();

        robot.interact(() -> window.show("keys"));
        robot.clickOn("#key-name").write(person);
        robot.interact(() -> robot.lookup("#key-role").queryAs(ChoiceBox.class).setValue(Role.LOADER));
        robot.clickOn("#create-key");
        waitUntil(() -> context.keys().createdProperty().get() != null);
        String secret = robot.lookup("#key-secret").queryAs(TextField.class).getText();
        assertThat(secret).startsWith("hlk_");
        assertThat(robot.lookup("#key-secret-pane").query().isVisible()).isTrue();
        robot.clickOn("#copy-secret");
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get()).isEqualTo(secret);
        robot.clickOn("#secret-done");
        assertThat(robot.lookup("#key-secret-pane").query().isVisible()).as("shown once").isFalse();
        assertThat(context.keys().createdProperty().get()).isNull();
        @SuppressWarnings("unchecked")
        TableView<ApiKey> keys = robot.lookup("#keys-table").queryAs(TableView.class);
        waitUntil(() -> keys.getItems().stream().anyMatch(k -> k.name().equals(person) && k.role() == Role.LOADER));

        // The new key is refused what a loader may not do; the trail shows it by the person's name.
        HireloadClient asCarol = new HireloadClient(URI.create(RealServer.url()), secret);
        assertThatThrownBy(() -> asCarol.backups(null, 1, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        robot.interact(() -> window.show("audit"));
        @SuppressWarnings("unchecked")
        TableView<AuditEntry> trail = robot.lookup("#audit-table").queryAs(TableView.class);
        robot.interact(() -> {
            robot.lookup("#audit-actor").queryAs(ComboBox.class).getEditor().setText(person);
            robot.lookup("#audit-from").queryAs(DatePicker.class).setValue(LocalDate.now(ZoneOffset.UTC));
        });
        waitUntil(() -> {
            robot.interact(() -> context.audit().show(1));
            WaitForAsyncUtils.waitForFxEvents();
            return !trail.getItems().isEmpty();
        });
        assertThat(trail.getItems()).allSatisfy(e -> assertThat(e.actor()).isEqualTo(person))
                .anySatisfy(e -> {
                    assertThat(e.path()).isEqualTo("/backups?page=1&size=10");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.role()).isEqualTo(Role.LOADER);
                });
        robot.interact(() -> robot.lookup("#audit-from").queryAs(DatePicker.class)
                .setValue(LocalDate.now(ZoneOffset.UTC).plusDays(2)));
        robot.clickOn("#audit-show");
        waitUntil(() -> trail.getItems().isEmpty());
        robot.clickOn("#audit-clear");
        waitUntil(() -> trail.getItems().stream().anyMatch(e -> e.actor().equals("env-admin")
                && e.method().equals("POST") && e.path().equals("/keys") && e.status() == 201));

        // Revoked after the confirmation: gone from the list, refused by the server.
        robot.interact(() -> {
            window.show("keys");
            keys.getSelectionModel().select(keys.getItems().stream().filter(k -> k.name().equals(person)).findFirst().orElseThrow());
        });
        robot.clickOn("#revoke-key");
        robot.clickOn("OK"); // the confirmation dialog
        waitUntil(() -> keys.getItems().stream().noneMatch(k -> k.name().equals(person)));
        assertThatThrownBy(asCarol::me).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aReadersWindowSaysWhoItIsAndOffersNothingItsRoleMayNotDo(FxRobot robot) throws Exception {
        CreatedKey dave = new HireloadClient(URI.create(RealServer.url()), RealServer.KEY)
                .createKey(new NewKey("dave-" + UUID.randomUUID().toString().substring(0, 8), Role.READER, null));
        connect(robot, dave.secret());
        waitUntil(() -> context.session().callerProperty().get() != null);
        assertThat(robot.lookup("#status-key").queryAs(Label.class).getText())
                .isEqualTo("as " + dave.key().name() + " (reader)");
        assertThat(tab(robot, "tables").isDisabled()).isFalse();
        assertThat(tab(robot, "loads").isDisabled()).isFalse();
        for (String adminOnly : new String[]{"backups", "keys", "audit"}) {
            assertThat(tab(robot, adminOnly).isDisabled()).as(adminOnly).isTrue();
        }
        assertThat(node(robot, "#start-load").isDisabled()).isTrue();
        assertThat(node(robot, "#upload-file").isDisabled()).isTrue();
    }

    private void connect(FxRobot robot, String key) throws Exception {
        ConnectForm.send(robot, RealServer.url(), key);
        waitUntil(() -> !context.connect().busyProperty().get() && context.session().client().isPresent());
    }

    private static Tab tab(FxRobot robot, String id) {
        return robot.lookup("#main-tabs").queryAs(TabPane.class).getTabs().stream()
                .filter(t -> t.getId().equals("tab-" + id)).findFirst().orElseThrow();
    }

    private static Node node(FxRobot robot, String query) {
        return robot.lookup(query).query();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
