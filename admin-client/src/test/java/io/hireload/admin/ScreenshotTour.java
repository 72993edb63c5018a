package io.hireload.admin;

import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import io.hireload.admin.fix.FixRow;
import io.hireload.admin.loads.RunningLoad;
import io.hireload.admin.metrics.QuarterTotals;
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
 * {@code hireload.screenshots.dir}, plus a 1M-row load while it runs and after, a cancelled load
 * and the drill-down of the largest department. Skipped in the normal test run.
 */
@EnabledIfSystemProperty(named = "hireload.screenshots.dir", matches = ".+")
@ExtendWith({RealServer.class, ApplicationExtension.class})
class ScreenshotTour {
    /** The screen the operator had. */
    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1000;
    /** Rows of the big upload whose load is shot while it runs (hireload.screenshots.rows). */
    private static final int BIG_ROWS = Integer.getInteger("hireload.screenshots.rows", 1_000_000);

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
        waitUntil(120, condition);
    }

    /** For the big file's upload and loads: minutes on a busy machine. */
    private static void waitLong(Callable<Boolean> condition) throws Exception {
        waitUntil(1800, condition);
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
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

    /**
     * A file of {@code BIG_ROWS} employees (one row in 10,000 without a job, so the load ends amber),
     * uploaded and loaded through the Files tab: the Loads tab shot while it runs and after.
     */
    private void bigLoadRunningAndAfter(FxRobot robot) throws Exception {
        Path big = Files.createTempDirectory("hireload-tour").resolve("big-hires.csv");
        long seed = Long.getLong("hireload.screenshots.seed", 20211201L);
        System.out.println("screenshot: the big file's seed is " + seed + " (hireload.screenshots.seed)");
        java.util.Random random = new java.util.Random(seed);
        try (var out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= BIG_ROWS; i++) {
                // Departments unevenly (the largest stands out), jobs skewed (a drill-down has a top).
                int department = 1 + (int) (12 * Math.pow(random.nextDouble(), 1.5));
                int job = 1 + (int) (183 * Math.pow(random.nextDouble(), 3));
                out.write((100_000 + i) + ",Person " + i + ",2021-" + String.format("%02d", 1 + random.nextInt(12))
                        + "-" + String.format("%02d", 1 + random.nextInt(28)) + "T09:00:00Z," + department + ","
                        + (i % 10_000 == 0 ? "" : String.valueOf(job)) + "\n");
            }
        }
        robot.interact(() -> {
            window.show("files");
            context.files().tableProperty().set(TableName.EMPLOYEES);
            context.files().loadAfterUploadProperty().set(true);
        });
        robot.interact(() -> {
            context.loads().clearFinished();
            context.files().upload(big);
        });
        waitLong(() -> context.files().loadProperty().get() != null);
        RunningLoad load = context.files().loadProperty().get();
        robot.interact(() -> window.show("loads"));
        // Shot while it runs when the machine is slow enough to see it; after its end otherwise.
        waitLong(() -> load.finishedProperty().get() || load.fractionProperty().get() >= 0.2);
        shoot("loads-running");
        waitLong(() -> load.finishedProperty().get());
        robot.interact(() -> context.loads().select(load.reportProperty().get()));
        waitLong(() -> context.loads().rejected().size() == BIG_ROWS / 10_000);
        shoot("loads");
        Files.delete(big);
    }

    /** The big file loaded again (force) and cancelled from its bar while it runs. */
    private void cancelledLoad(FxRobot robot) throws Exception {
        robot.interact(() -> window.show("files"));
        long before = context.loads().running().stream().mapToLong(RunningLoad::loadId).max().orElse(0);
        robot.interact(() -> context.files().loadAgain(false));
        waitLong(() -> context.files().loadProperty().get() != null && context.files().loadProperty().get().loadId() > before);
        RunningLoad load = context.files().loadProperty().get();
        robot.interact(() -> window.show("loads"));
        waitLong(() -> load.finishedProperty().get() || load.fractionProperty().get() > 0.05);
        if (!load.finishedProperty().get()) {
            robot.clickOn("#cancel-load-" + load.loadId());
        }
        waitLong(() -> load.finishedProperty().get());
        robot.interact(() -> context.loads().select(load.reportProperty().get()));
        shoot("cancelled-load");
        if (load.statusProperty().get() == io.hireload.model.LoadStatus.SUCCEEDED) {
            System.out.println("screenshot: cancelled-load.png shows a load that ended before its cancel took"
                    + " (or a server without POST /loads/{id}/cancel): " + context.loads().noticeProperty().get().text());
        }
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
        shoot("loads-sample");

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
            robot.lookup("#loads-split").queryAs(javafx.scene.control.SplitPane.class).setDividerPositions(0.2);
        });
        shoot("fix-and-resend");

        bigLoadRunningAndAfter(robot);
        cancelledLoad(robot);

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

        // The drill-down of the department with the most hires: its top jobs and "all others".
        QuarterTotals largest = context.metrics().departments().stream()
                .max(java.util.Comparator.comparingInt(QuarterTotals::total)).orElseThrow();
        robot.interact(() -> context.metrics().drillInto(largest.label()));
        waitUntil(() -> largest.label().equals(context.metrics().drilledProperty().get())
                && chart.getData().get(0).getData().size() == context.metrics().bars().size());
        shoot("metrics-drill");

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
