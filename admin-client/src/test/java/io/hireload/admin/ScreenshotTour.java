package io.hireload.admin;

import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import io.hireload.admin.fix.FixRow;
import io.hireload.admin.testing.CellEdits;
import io.hireload.admin.testing.Png;
import io.hireload.admin.testing.RealServer;
import io.hireload.model.Employee;
import io.hireload.model.TableName;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

        // The operator's CSV from disk into the bucket, then its load (files.png).
        Path csv = Files.createTempDirectory("hireload-tour").resolve("march-hires.csv");
        Files.writeString(csv, "id,name,datetime,department_id,job_id\n"
                + "3001,Ana Vogt,2021-03-02T09:00:00-03:00,5,52\n3002,Jonas Berg,2021-03-09T14:30:00Z,2,96\n",
                StandardCharsets.UTF_8);
        robot.interact(() -> {
            window.show("files");
            context.files().tableProperty().set(TableName.EMPLOYEES);
        });
        robot.interact(() -> window.dropped(List.of(csv)));
        waitUntil(() -> context.files().loadProperty().get() != null
                && context.files().loadProperty().get().finishedProperty().get()
                && context.files().files().stream().anyMatch(f -> f.key().endsWith("march-hires.csv") && f.loaded()));
        shoot("files");

        // Fix and resend (fix-and-resend.png): one row fixed and accepted, one the server refuses
        // again, one still wrong as typed.
        robot.interact(() -> {
            window.show("loads");
            context.loads().select(context.loads().history().stream().filter(r -> r.table().equals("employees")
                    && r.rejected() > 0).findFirst().orElseThrow());
        });
        waitUntil(() -> context.loads().rejected().size() == 70);
        robot.clickOn("#fix-rejected");
        waitUntil(() -> context.fix().rows().size() == 70);
        @SuppressWarnings("unchecked")
        TableView<FixRow> fix = robot.lookup("#fix-rows").queryAs(TableView.class);
        CellEdits.edit(robot, fix, 0, "job_id", "96");
        CellEdits.edit(robot, fix, 1, "department_id", "999");
        robot.clickOn("#send-fixed");
        waitUntil(() -> context.fix().rows().size() == 69);
        CellEdits.edit(robot, fix, 1, "job_id", "3");
        CellEdits.edit(robot, fix, 1, "datetime", "2021-02-26 18:47");
        CellEdits.edit(robot, fix, 2, "department_id", "4");
        robot.interact(() -> {
            fix.getSelectionModel().clearSelection();
            fix.scrollTo(0);
            robot.lookup("#loads-view .split-pane").queryAs(javafx.scene.control.SplitPane.class)
                    .setDividerPositions(0.3);
        });
        shoot("fix-and-resend");

        robot.interact(() -> window.show("tables"));
        @SuppressWarnings("unchecked")
        TableView<Employee> employees = robot.lookup("#employees-table").queryAs(TableView.class);
        waitUntil(() -> employees.getItems().size() == 50);
        robot.clickOn("#employee-search-name").write("vogt");
        robot.clickOn("#employee-search-from").write("2021-01-01");
        robot.clickOn("#employee-search-to").write("2021-12-31").type(KeyCode.ENTER);
        waitUntil(() -> !employees.getItems().isEmpty()
                && employees.getItems().stream().allMatch(e -> e.name().toLowerCase().contains("vogt")));
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

        // A named key made, its secret shown once (keys.png); the trail of the session (audit.png).
        waitUntil(() -> context.session().callerProperty().get() != null);
        robot.interact(() -> window.show("keys"));
        robot.clickOn("#key-name").write("alice");
        robot.interact(() -> context.keys().roleProperty().set(io.hireload.model.Role.LOADER));
        robot.clickOn("#create-key");
        waitUntil(() -> context.keys().createdProperty().get() != null && !context.keys().keys().isEmpty());
        shoot("keys");
        robot.clickOn("#secret-done");
        robot.interact(() -> window.show("audit"));
        robot.clickOn("#audit-show");
        waitUntil(() -> !context.audit().entries().isEmpty());
        shoot("audit");
    }
}
