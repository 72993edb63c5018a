package io.hireload.admin;

import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import io.hireload.admin.loads.RunningLoad;
import io.hireload.admin.testing.FakeHireload;
import io.hireload.admin.testing.Png;
import io.hireload.model.Employee;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * The window driven like an operator would, headless, against a fake server: fast, and it checks
 * the wiring between views, view-models and the FX thread. The real server is driven in
 * {@link AdminClientServerTest}.
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
        robot.interact(() -> {
            robot.lookup("#server-url").queryAs(TextField.class).setText(server.url());
            robot.lookup("#admin-key").queryAs(TextField.class).setText(key);
        });
        robot.clickOn("#connect-button");
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
    void connectLoadPageAndChart(FxRobot robot) throws Exception {
        connect(robot, FakeHireload.KEY);
        waitUntil(() -> robot.lookup("#status-connection").queryAs(Label.class).getText().startsWith("Connected"));
        Label db = robot.lookup("#db-health-title").queryAs(Label.class);
        waitUntil(() -> db.getText().equals("Database: UP"));
        assertThat(robot.lookup("#s3-health-title").queryAs(Label.class).getText()).isEqualTo("S3: UP · 3 CSV files");
        Png.write(scene, Path.of("target", "screenshots", "connect.png"));

        robot.interact(() -> ((AdminWindow) scene.getRoot()).show("loads"));
        robot.clickOn("#start-load");
        waitUntil(() -> context.loads().running().size() == 3
                && context.loads().running().stream().allMatch(l -> l.finishedProperty().get()));
        assertThat(context.loads().running()).extracting(l -> l.reportProperty().get().inserted())
                .containsExactly(12L, 183L, 1929L);
        assertThat(context.loads().running()).extracting(RunningLoad::fractionProperty)
                .allSatisfy(fraction -> assertThat(fraction.get()).isEqualTo(1.0));
        TableView<?> rejected = robot.lookup("#rejected-rows").queryAs(TableView.class);
        waitUntil(() -> rejected.getItems().size() == 70);
        Png.write(scene, Path.of("target", "screenshots", "loads.png"));

        robot.interact(() -> ((AdminWindow) scene.getRoot()).show("tables"));
        @SuppressWarnings("unchecked")
        TableView<Employee> employees = robot.lookup("#employees-table").queryAs(TableView.class);
        waitUntil(() -> employees.getItems().size() == 50);
        robot.clickOn("#employees-next");
        waitUntil(() -> employees.getItems().get(0).id() == 51);
        robot.clickOn("#employees-last");
        waitUntil(() -> employees.getItems().get(0).id() == 1901);
        assertThat(robot.lookup("#employees-page").queryAs(Label.class).getText()).isEqualTo("Page 39 of 39 · 1,929 rows");
        robot.clickOn("#employees-goto").write("777");
        robot.clickOn("#employees-goto-button");
        waitUntil(() -> employees.getSelectionModel().getSelectedItem() != null
                && employees.getSelectionModel().getSelectedItem().id() == 777);
        Png.write(scene, Path.of("target", "screenshots", "tables.png"));

        robot.interact(() -> ((AdminWindow) scene.getRoot()).show("metrics"));
        @SuppressWarnings("unchecked")
        StackedBarChart<Number, String> chart = robot.lookup("#quarter-chart").queryAs(StackedBarChart.class);
        waitUntil(() -> chart.getData().size() == 4 && chart.getData().get(0).getData().size() == 12);
        Png.write(scene, Path.of("target", "screenshots", "metrics.png"));
    }
}
