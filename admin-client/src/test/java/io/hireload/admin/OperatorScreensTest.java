package io.hireload.admin;

import io.hireload.admin.connect.LocalKey;
import io.hireload.admin.connect.SettingsStore;
import io.hireload.admin.fix.FixRow;
import io.hireload.admin.loads.RunningLoad;
import io.hireload.admin.testing.CellEdits;
import io.hireload.admin.testing.ConnectForm;
import io.hireload.admin.testing.OperatorStub;
import io.hireload.admin.testing.StubServer;
import io.hireload.model.BucketFile;
import io.hireload.model.LoadReport;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

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
 * The screens as an operator met them on a 1600x1000 screen (issue 31), against a canned server:
 * the drill-down of a department with 70 jobs, the Loads tab's room and colours, a status bar that
 * follows the server, fix and resend of edited rows only, the Files tab's actions, cancelling, and
 * quitting with work in flight.
 */
@ExtendWith(ApplicationExtension.class)
class OperatorScreensTest {
    private final Preferences prefs = Preferences.userRoot().node("io/hireload/admin-test/" + UUID.randomUUID());
    private final OperatorStub server = new OperatorStub();
    private Path keyDir;
    private AdminContext context;
    private AdminWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        keyDir = Files.createTempDirectory("hireload-key");
        Files.writeString(keyDir.resolve("admin.key"), OperatorStub.KEY + "\n");
        context = new AdminContext(new SettingsStore(prefs), new LocalKey(keyDir.resolve("admin.key")));
        window = new AdminWindow(context);
        stage.setScene(new Scene(window, 1600, 1000));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        server.close();
        prefs.removeNode();
        Files.deleteIfExists(keyDir.resolve("admin.key"));
        Files.deleteIfExists(keyDir);
    }

    private void connect(FxRobot robot) throws Exception {
        ConnectForm.send(robot, server.url(), OperatorStub.KEY);
        waitUntil(() -> context.session().client().isPresent());
    }

    /** Opens the stub's load with three rejected rows on the Loads tab and takes its rows to Fix and resend. */
    private void fixTheRejectedRowsOfTheSomeRejectedLoad(FxRobot robot) throws Exception {
        robot.interact(() -> window.show("loads"));
        waitUntil(() -> context.loads().history().size() == 4);
        LoadReport some = context.loads().history().stream().filter(r -> r.loadId() == OperatorStub.SOME_REJECTED)
                .findFirst().orElseThrow();
        robot.interact(() -> context.loads().select(some));
        waitUntil(() -> context.loads().rejected().size() == 3);
        robot.clickOn("#fix-rejected");
        waitUntil(() -> context.fix().rows().size() == 3);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theDrillDownOfADepartmentWith70JobsShowsTheTop15AndAllOthersOnWholeNumberTicks(FxRobot robot) throws Exception {
        connect(robot);
        robot.interact(() -> window.show("metrics"));
        waitUntil(() -> context.metrics().departments().size() == 3);
        robot.interact(() -> context.metrics().drillInto("Engineering"));
        waitUntil(() -> context.metrics().bars().size() == 16);

        @SuppressWarnings("unchecked")
        StackedBarChart<Number, String> chart = robot.lookup("#quarter-chart").queryAs(StackedBarChart.class);
        assertThat(((CategoryAxis) chart.getYAxis()).getCategories()).hasSize(16)
                .first().isEqualTo("all others (55 jobs)"); // drawn bottom-up: the last bar is at the bottom
        assertThat(context.metrics().bars().get(0).label()).isEqualTo("Engineer 70"); // the most hires first
        // Every bar is drawn with a height a person can see and click, not a hairline.
        for (XYChart.Series<Number, String> series : chart.getData()) {
            for (XYChart.Data<Number, String> bar : series.getData()) {
                if (bar.getXValue().intValue() > 0) {
                    assertThat(bar.getNode().getBoundsInParent().getHeight()).as(bar.getYValue()).isGreaterThan(8);
                }
            }
        }
        NumberAxis hires = (NumberAxis) chart.getXAxis();
        assertThat(hires.getTickUnit()).isGreaterThanOrEqualTo(1).satisfies(unit -> assertThat(unit % 1).isZero());

        robot.interact(() -> context.metrics().drillInto("Legal"));
        waitUntil(() -> context.metrics().bars().size() == 1);
        assertThat(hires.getTickUnit()).isEqualTo(1); // two hires: ticks 0, 1, 2, never 0.25

        // The mean's figure is beside the title, outside the plot where it covered bars.
        Label mean = robot.lookup("#mean-label").queryAs(Label.class);
        assertThat(mean.getText()).isEqualTo("mean " + String.format(java.util.Locale.ROOT, "%,.1f",
                OperatorStubFigures.allHires() / 3.0)
                + " (dashed line)");
        assertThat(robot.lookup("#above-mean-chart").query().lookup("#mean-label")).isNull();
    }

    @Test
    void theLoadsTabHasADividerFullFiguresContentWideColumnsAndColoursByOutcome(FxRobot robot) throws Exception {
        connect(robot);
        robot.interact(() -> window.show("loads"));
        waitUntil(() -> context.loads().history().size() == 4);

        SplitPane rooms = robot.lookup("#loads-split").queryAs(SplitPane.class);
        assertThat(rooms.getOrientation()).isEqualTo(javafx.geometry.Orientation.VERTICAL);

        @SuppressWarnings("unchecked")
        TableView<LoadReport> history = robot.lookup("#load-history").queryAs(TableView.class);
        assertThat(outcomeOf(robot, history, OperatorStub.SOME_REJECTED)).contains("outcome-some-rejected");
        assertThat(outcomeOf(robot, history, OperatorStub.ALL_REJECTED)).contains("outcome-bad");
        assertThat(outcomeOf(robot, history, OperatorStub.CLEAN)).contains("outcome-clean");
        for (TableColumn<LoadReport, ?> column : history.getColumns()) {
            assertThat(column.getWidth()).as(column.getText())
                    .isGreaterThan(new Text(column.getText()).getLayoutBounds().getWidth() + 10);
        }
        assertThat(cellText(robot, history, OperatorStub.SOME_REJECTED, "Read")).isEqualTo("4,825,285");
        assertThat(cellText(robot, history, OperatorStub.ALL_REJECTED, "Status"))
                .isEqualTo("succeeded, all rows rejected");

        LoadReport some = history.getItems().stream().filter(r -> r.loadId() == OperatorStub.SOME_REJECTED)
                .findFirst().orElseThrow();
        robot.interact(() -> context.loads().select(some));
        WaitForAsyncUtils.waitForFxEvents();
        Label read = robot.lookup("#report-read").queryAs(Label.class);
        assertThat(read.getText()).isEqualTo("4,825,285");
        assertThat(read.getWidth()).isGreaterThanOrEqualTo(read.prefWidth(-1) - 0.5); // in full, not "4,825…"
        assertThat(text(robot, "#report-time")).isEqualTo("12 ms");
        assertThat(robot.lookup("#report-title").queryAs(Label.class).getStyleClass()).contains("outcome-some-rejected");
    }

    @Test
    void theStatusBarFollowsTheServerAndItsErrorsGoWhenItIsBackWithTheSessionKept(FxRobot robot) throws Exception {
        connect(robot);
        assertThat(text(robot, "#status-connection")).isEqualTo("Connected to " + server.url());
        fixTheRejectedRowsOfTheSomeRejectedLoad(robot);

        server.server().pause();
        waitUntil(() -> text(robot, "#status-connection").contains("is not answering since"));
        waitUntil(() -> text(robot, "#loads-notice").startsWith("Cannot read the load history"));
        assertThat(text(robot, "#loads-notice")).doesNotContain("null");
        // A reconnect that fails keeps the session and the rows being fixed.
        robot.interact(() -> window.show("connect"));
        robot.clickOn("#connect-button");
        waitUntil(() -> text(robot, "#connect-notice").startsWith("Cannot reach the server"));
        assertThat(text(robot, "#connect-notice")).doesNotContain("null").contains("stays open");
        assertThat(context.session().client()).isPresent();
        assertThat(context.fix().rows()).hasSize(3);

        server.server().resume();
        waitUntil(() -> text(robot, "#status-connection").equals("Connected to " + server.url()));
        waitUntil(() -> text(robot, "#loads-notice").isEmpty() && text(robot, "#connect-notice").isEmpty());
        assertThat(context.fix().rows()).hasSize(3);
    }

    @Test
    void enterInTheUrlFieldConnectsAndAnEmptyKeyMeansTheLocalKey(FxRobot robot) throws Exception {
        TextField url = robot.lookup("#server-url").queryAs(TextField.class);
        robot.interact(() -> {
            url.setText(server.url());
            robot.lookup("#admin-key").queryAs(TextField.class).setText("");
        });
        robot.clickOn(url);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> context.session().client().isPresent());
        assertThat(server.server().requests()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/employees");
            assertThat(request.authorization()).isEqualTo("Bearer " + OperatorStub.KEY);
        });
    }

    @Test
    void fixAndResendSendsOnlyTheEditedRowsWithTheReasonFirstAndReadableWhenSelected(FxRobot robot) throws Exception {
        connect(robot);
        fixTheRejectedRowsOfTheSomeRejectedLoad(robot);
        @SuppressWarnings("unchecked")
        TableView<FixRow> table = robot.lookup("#fix-rows").queryAs(TableView.class);
        assertThat(table.getColumns().get(0).getText()).isEqualTo("Reason");

        CellEdits.edit(robot, table, 1, "department_id", "1");
        FixRow edited = context.fix().rows().get(1);
        assertThat(edited.reasonBinding().get()).isEqualTo(FixRow.READY);
        assertThat(context.fix().rows().get(0).reasonBinding().get()).isEqualTo("unknown department_id 8");

        // The selected row's reason is white on the selection, not red on blue.
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> reason = robot.from(table).lookup(".reason-problem").queryAll().stream()
                .map(node -> (TableCell<?, ?>) node)
                .filter(cell -> cell.getTableRow() != null && cell.getTableRow().isSelected())
                .findFirst().orElseThrow();
        assertThat(reason.getTextFill()).isEqualTo(Color.WHITE);

        robot.clickOn("#send-fixed");
        waitUntil(() -> context.fix().rows().size() == 2);
        List<StubServer.Request> posts = server.server().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/employees")).toList();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).body().strip().lines()).containsExactly("3,Lyman Hadye,2021-09-01T23:27:38Z,1,52");
        assertThat(context.fix().rows()).doesNotContain(edited);
    }

    @Test
    void theFilesTabLoadsAgainDryRunsALoadedFileDeletesAfterAskingAndCancelsAnUpload(FxRobot robot) throws Exception {
        connect(robot);
        robot.interact(() -> window.show("files"));
        waitUntil(() -> context.files().files().size() == 2);

        robot.clickOn("#load-again");
        waitUntil(() -> batchCalls().anyMatch(r -> "true".equals(r.query().get("force"))
                && "false".equals(r.query().get("dry_run"))));
        robot.clickOn("#dry-run-files");
        // A plain dry run skips a loaded file: the client asks for force with it.
        waitUntil(() -> batchCalls().anyMatch(r -> "true".equals(r.query().get("force"))
                && "true".equals(r.query().get("dry_run"))));

        @SuppressWarnings("unchecked")
        TableView<BucketFile> files = robot.lookup("#files-list").queryAs(TableView.class);
        robot.interact(() -> files.getSelectionModel().select(1));
        robot.clickOn("#delete-file");
        robot.clickOn("OK"); // the confirmation
        waitUntil(() -> server.server().requests().stream()
                .anyMatch(r -> r.method().equals("DELETE") && r.path().equals("/files/employees/march.csv")));
        waitUntil(() -> text(robot, "#files-notice").equals("Deleted employees/march.csv from the bucket."));

        Path big = Files.createTempFile("hireload-upload", ".csv");
        try {
            Files.write(big, new byte[8 << 20]);
            robot.interact(() -> context.files().upload(big));
            waitUntil(server::uploadArrived);
            assertThat(robot.lookup("#cancel-upload").queryButton().isDisabled()).isFalse();
            robot.clickOn("#cancel-upload");
            waitUntil(() -> !context.files().uploadingProperty().get());
            assertThat(text(robot, "#files-notice")).startsWith("Upload of " + big.getFileName() + " cancelled");
        } finally {
            Files.deleteIfExists(big);
        }
    }

    @Test
    void aRunningLoadIsCancelledFromItsBarAndQuittingAsksFirstWhileOneRuns(FxRobot robot) throws Exception {
        connect(robot);
        robot.interact(() -> window.show("loads"));
        waitUntil(() -> context.loads().running().stream().anyMatch(l -> l.loadId() == OperatorStub.RUNNING));
        RunningLoad running = context.loads().running().stream().filter(l -> l.loadId() == OperatorStub.RUNNING)
                .findFirst().orElseThrow();

        // Ctrl+Q while it runs: the window asks, and Cancel keeps it open.
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("Quit with work in flight?").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryAs(Label.class).getText())
                .startsWith("A load is running: it goes on on the server");
        robot.clickOn(robot.lookup(".dialog-pane .button").match(org.testfx.matcher.control.LabeledMatchers.hasText("Cancel"))
                .queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();

        robot.clickOn("#cancel-load-" + OperatorStub.RUNNING);
        waitUntil(server::cancelled);
        waitUntil(() -> running.finishedProperty().get());
        assertThat(running.statusProperty().get().wire()).isEqualTo("interrupted");
        assertThat(robot.lookup("#cancel-load-" + OperatorStub.RUNNING).queryButton().isDisabled()).isTrue();
        assertThat(QuitCheck.inFlight(false, context.loads().unfinished())).isEmpty();
    }

    private java.util.stream.Stream<StubServer.Request> batchCalls() {
        return server.server().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/employees/batch"));
    }

    private static List<String> outcomeOf(FxRobot robot, TableView<LoadReport> table, long loadId) {
        return robot.from(table).lookup(".table-row-cell").queryAll().stream()
                .map(node -> (TableRow<?>) node)
                .filter(row -> row.getItem() instanceof LoadReport r && r.loadId() == loadId)
                .findFirst().map(Node::getStyleClass).map(List::copyOf).orElseThrow();
    }

    private static String cellText(FxRobot robot, TableView<LoadReport> table, long loadId, String column) {
        LoadReport report = table.getItems().stream().filter(r -> r.loadId() == loadId).findFirst().orElseThrow();
        TableColumn<LoadReport, ?> col = table.getColumns().stream().filter(c -> c.getText().equals(column))
                .findFirst().orElseThrow();
        return String.valueOf(col.getCellObservableValue(report).getValue());
    }

    /** Figures of the stub's data, derived here as the operator would add them up. */
    private static final class OperatorStubFigures {
        static long allHires() {
            return OperatorStub.quarters().stream().mapToLong(r -> r.q1() + r.q2() + r.q3() + r.q4()).sum();
        }
    }
}
