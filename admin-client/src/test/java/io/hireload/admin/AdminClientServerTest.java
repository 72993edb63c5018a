package io.hireload.admin;

import io.hireload.admin.loads.RunningLoad;
import io.hireload.admin.metrics.QuarterTotals;
import io.hireload.admin.testing.ConnectForm;
import io.hireload.admin.testing.RealServer;
import io.hireload.admin.testing.RealServerWindow;
import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.BackupInfo;
import io.hireload.model.Employee;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.RejectedRow;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin client driven headless against the real server on the embedded defaults: connect,
 * load the sample data and watch it finish, page through employees, read the 2021 chart.
 */
@ExtendWith({RealServer.class, ApplicationExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1) // first on the shared server: it asserts a fresh database's counts (junit-platform.properties)
class AdminClientServerTest {
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

    private void connect(FxRobot robot, String key) throws Exception {
        ConnectForm.send(robot, RealServer.url(), key);
        waitUntil(() -> !context.connect().busyProperty().get());
        // The admin-only tabs open once the server has said which key this is (GET /keys/me).
        if (context.session().client().isPresent()) {
            waitUntil(() -> context.session().callerProperty().get() != null);
        }
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(1)
    void connectsWithTheLocalKeyAndShowsHealth(FxRobot robot) throws Exception {
        assertThat(context.connect().keyProperty().get()).isEqualTo(RealServer.KEY);
        connect(robot, RealServer.KEY);
        assertThat(context.session().client()).isPresent();
        assertThat(robot.lookup("#db-health-title").queryAs(Label.class).getText()).startsWith("Database: UP");
        assertThat(robot.lookup("#s3-health-title").queryAs(Label.class).getText()).startsWith("S3: UP");
        assertThat(robot.lookup("#status-connection").queryAs(Label.class).getText())
                .isEqualTo("Connected to " + RealServer.url());
    }

    @Test
    @Order(2)
    void loadsAllTablesAndWatchesThemFinish(FxRobot robot) throws Exception {
        connect(robot, RealServer.KEY);
        robot.interact(() -> window.show("loads"));
        robot.clickOn("#start-load");
        waitUntil(() -> context.loads().running().size() == 3
                && context.loads().running().stream().allMatch(load -> load.finishedProperty().get()));

        assertThat(context.loads().running()).extracting(RunningLoad::table)
                .containsExactly("departments", "jobs", "employees");
        assertThat(context.loads().running()).allSatisfy(load -> {
            assertThat(load.statusProperty().get()).isEqualTo(LoadStatus.SUCCEEDED);
            assertThat(load.fractionProperty().get()).isEqualTo(1.0);
        });
        assertThat(context.loads().running()).extracting(load -> load.reportProperty().get().inserted())
                .containsExactly(12L, 183L, 1929L);

        TableView<?> rejected = robot.lookup("#rejected-rows").queryAs(TableView.class);
        waitUntil(() -> rejected.getItems().size() == 70);
        assertThat(context.loads().rejected()).extracting(RejectedRow::reason).contains("line 157: datetime is empty");
        assertThat(robot.lookup("#report-inserted").queryAs(Label.class).getText()).isEqualTo("1,929");
        waitUntil(() -> context.loads().history().size() >= 3);
    }

    @Test
    @Order(3)
    void savesTheRejectedRowsAsTheServersOwnFile(FxRobot robot, @TempDir Path dir) throws Exception {
        connect(robot, RealServer.KEY);
        HireloadClient client = new HireloadClient(URI.create(RealServer.url()), RealServer.KEY);
        LoadReport employees = client.loads(1, 10).items().stream()
                .filter(report -> report.table().equals("employees") && report.rejected() > 0)
                .findFirst().orElseThrow();
        Path file = dir.resolve("rejected.csv");
        robot.interact(() -> {
            context.loads().select(employees);
            context.loads().exportRejected(file);
        });
        waitUntil(() -> context.loads().noticeProperty().get().text().startsWith("Wrote"));

        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RealServer.url() + "/loads/" + employees.loadId() + "/rejected"))
                .header("Authorization", "Bearer " + RealServer.KEY).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(Files.readAllBytes(file)).isEqualTo(served.body());
        assertThat(Files.readAllLines(file)).hasSize(1 + 70).first().isEqualTo("file,line,raw,reason");
        assertThat(dir).isDirectoryContaining(path -> path.equals(file)).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    @Order(4)
    void pagesThroughEmployees(FxRobot robot) throws Exception {
        connect(robot, RealServer.KEY);
        robot.interact(() -> window.show("tables"));
        @SuppressWarnings("unchecked")
        TableView<Employee> employees = robot.lookup("#employees-table").queryAs(TableView.class);
        Label page = robot.lookup("#employees-page").queryAs(Label.class);
        waitUntil(() -> employees.getItems().size() == 50);
        assertThat(page.getText()).isEqualTo("Page 1 of 39 · 1,929 rows");

        int firstOfPageTwo = context.tables().employees().items().get(49).id() + 1;
        robot.clickOn("#employees-next");
        waitUntil(() -> page.getText().startsWith("Page 2 of 39"));
        assertThat(employees.getItems().get(0).id()).isGreaterThanOrEqualTo(firstOfPageTwo);

        robot.clickOn("#employees-last");
        waitUntil(() -> page.getText().startsWith("Page 39 of 39"));
        assertThat(employees.getItems()).hasSize(1929 - 38 * 50);

        int wanted = employees.getItems().get(5).id();
        robot.clickOn("#employees-first");
        waitUntil(() -> page.getText().startsWith("Page 1 of 39"));
        robot.clickOn("#employees-goto").write(Integer.toString(wanted));
        robot.clickOn("#employees-goto-button");
        waitUntil(() -> employees.getSelectionModel().getSelectedItem() != null
                && employees.getSelectionModel().getSelectedItem().id() == wanted);
        assertThat(page.getText()).startsWith("Page 39 of 39");
    }

    @Test
    @Order(5)
    void chartsTwelveDepartmentsByFourQuartersAndDrillsIntoOne(FxRobot robot) throws Exception {
        connect(robot, RealServer.KEY);
        robot.interact(() -> window.show("metrics"));
        @SuppressWarnings("unchecked")
        StackedBarChart<Number, String> quarters = robot.lookup("#quarter-chart").queryAs(StackedBarChart.class);
        waitUntil(() -> quarters.getData().size() == 4 && quarters.getData().get(0).getData().size() == 12);
        assertThat(quarters.getData()).extracting(series -> series.getName()).containsExactly("Q1", "Q2", "Q3", "Q4");
        assertThat(context.metrics().departments()).hasSize(12);
        long hires = context.metrics().departments().stream().mapToLong(QuarterTotals::total).sum();
        assertThat(context.metrics().meanProperty().get()).isEqualTo(hires / 12.0);

        @SuppressWarnings("unchecked")
        BarChart<String, Number> top = robot.lookup("#above-mean-chart").queryAs(BarChart.class);
        assertThat(top.getData().get(0).getData()).isNotEmpty()
                .allSatisfy(bar -> assertThat(bar.getYValue().doubleValue()).isGreaterThan(context.metrics().meanProperty().get()));
        assertThat(robot.lookup("#mean-line").queryAs(Node.class).isVisible()).isTrue();

        String department = context.metrics().departments().get(0).label();
        Node bar = quarters.getData().get(0).getData().stream()
                .filter(data -> data.getYValue().equals(department)).findFirst().orElseThrow().getNode();
        robot.clickOn(bar);
        waitUntil(() -> department.equals(context.metrics().drilledProperty().get()));
        assertThat(context.metrics().bars()).isNotEmpty()
                .allSatisfy(job -> assertThat(job.label()).isNotEqualTo(department));
        assertThat(context.metrics().byQuarter()).allSatisfy(row -> assertThat(row.department()).isEqualTo(department));
        robot.clickOn("#drill-out");
        waitUntil(() -> context.metrics().drilledProperty().get() == null);

        // The sample also holds early-2022 hires: another year charts other figures.
        @SuppressWarnings("unchecked")
        ChoiceBox<Integer> year = robot.lookup("#metrics-year").queryAs(ChoiceBox.class);
        robot.interact(() -> year.setValue(2022));
        waitUntil(() -> !context.metrics().busyProperty().get()
                && context.metrics().departments().stream().mapToLong(QuarterTotals::total).sum() != hires);
        assertThat(context.metrics().departments()).isNotEmpty()
                .allSatisfy(d -> assertThat(d.q2() + d.q3() + d.q4()).isZero());
    }

    @Test
    @Order(6)
    void backsUpAndRestoresAfterAConfirmation(FxRobot robot) throws Exception {
        connect(robot, RealServer.KEY);
        robot.interact(() -> window.show("backups"));
        robot.clickOn("#back-up");
        waitUntil(() -> context.backups().backups().size() == 3);
        Label notice = robot.lookup("#backups-notice").queryAs(Label.class);
        assertThat(notice.getText()).startsWith("Backed up").contains("employees (1,929 rows");

        @SuppressWarnings("unchecked")
        TableView<BackupInfo> backups = robot.lookup("#backups-table").queryAs(TableView.class);
        robot.interact(() -> backups.getSelectionModel().select(backups.getItems().stream()
                .filter(b -> b.table().equals("employees")).findFirst().orElseThrow()));
        robot.clickOn("#restore-backup");
        robot.clickOn("OK"); // the confirmation dialog
        waitUntil(() -> notice.getText().startsWith("Restored employees"));
        assertThat(notice.getText()).contains(": 1,929 rows (0 inserted, 0 updated, 1,929 unchanged, 0 deleted).");
    }

    @Test
    @Order(7)
    void aWrongKeyShowsAMessage(FxRobot robot) throws Exception {
        assumeTrue(serverChecksKeys(), "this server accepts any key (no authentication yet)");
        connect(robot, "not-the-key");
        Label notice = robot.lookup("#connect-notice").queryAs(Label.class);
        assertThat(notice.getText()).contains("key");
        assertThat(notice.getStyleClass()).contains("notice-error");
        assertThat(context.session().client()).isEmpty();
    }

    private static boolean serverChecksKeys() {
        try {
            new HireloadClient(URI.create(RealServer.url()), "not-the-key").employees(1, 1);
            return false;
        } catch (ApiException e) {
            return e.status() == 401 || e.status() == 403;
        }
    }
}
