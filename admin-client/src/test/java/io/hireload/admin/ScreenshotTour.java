package io.hireload.admin;

import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import io.hireload.admin.testing.Png;
import io.hireload.admin.testing.RealServer;
import io.hireload.model.Employee;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make screenshots}: the real client against the real server on the embedded defaults,
 * driven through the operator's first session, one PNG per main view into
 * {@code hireload.screenshots.dir}. Skipped in the normal test run.
 */
@EnabledIfSystemProperty(named = "hireload.screenshots.dir", matches = ".+")
@ExtendWith({RealServer.class, ApplicationExtension.class})
class ScreenshotTour {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private final Preferences prefs = Preferences.userRoot().node("io/hireload/admin-screenshots/" + UUID.randomUUID());
    private AdminContext context;
    private AdminWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        context = new AdminContext(new SettingsStore(prefs), new LocalKey(RealServer.dataDir().resolve("admin.key")));
        window = new AdminWindow(context);
        scene = new Scene(window, WIDTH, HEIGHT);
        stage.setTitle("hireload admin");
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws BackingStoreException {
        context.close();
        prefs.removeNode();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path shoot(String name) throws Exception {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // let the last layout pass settle
        WaitForAsyncUtils.waitForFxEvents();
        Path file = Path.of(System.getProperty("hireload.screenshots.dir")).resolve(name + ".png").toAbsolutePath();
        Png.write(scene, file);
        BufferedImage written = javax.imageio.ImageIO.read(file.toFile());
        assertThat(written.getWidth()).isGreaterThanOrEqualTo(800);
        assertThat(written.getHeight()).isGreaterThanOrEqualTo(500);
        System.out.println("screenshot: " + file);
        return file;
    }

    @Test
    void tour(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#server-url").queryAs(TextField.class).setText(RealServer.url()));
        robot.clickOn("#connect-button");
        waitUntil(() -> context.session().client().isPresent());
        shoot("connect");

        robot.interact(() -> window.show("loads"));
        robot.clickOn("#start-load");
        waitUntil(() -> context.loads().running().size() == 3
                && context.loads().running().stream().allMatch(load -> load.finishedProperty().get()));
        waitUntil(() -> context.loads().rejected().size() == 70 && context.loads().history().size() >= 3);
        robot.interact(() -> robot.lookup("#load-history").queryAs(TableView.class).getSelectionModel().select(0));
        waitUntil(() -> context.loads().rejected().size() == 70);
        shoot("loads");

        robot.interact(() -> window.show("tables"));
        @SuppressWarnings("unchecked")
        TableView<Employee> employees = robot.lookup("#employees-table").queryAs(TableView.class);
        waitUntil(() -> employees.getItems().size() == 50);
        robot.clickOn("#employees-goto").write("158");
        robot.clickOn("#employees-goto-button");
        waitUntil(() -> employees.getSelectionModel().getSelectedItem() != null);
        shoot("tables");

        robot.interact(() -> window.show("metrics"));
        @SuppressWarnings("unchecked")
        StackedBarChart<Number, String> chart = robot.lookup("#quarter-chart").queryAs(StackedBarChart.class);
        waitUntil(() -> chart.getData().size() == 4 && chart.getData().get(0).getData().size() == 12);
        shoot("metrics");

        robot.interact(() -> window.show("backups"));
        robot.clickOn("#back-up");
        waitUntil(() -> context.backups().backups().size() == 3);
        shoot("backups");
    }
}
