package io.hireload.admin;

import io.hireload.admin.fix.FixRow;
import io.hireload.admin.loads.RunningLoad;
import io.hireload.admin.support.Notice;
import io.hireload.admin.testing.CellEdits;
import io.hireload.admin.testing.ConnectForm;
import io.hireload.admin.testing.Drops;
import io.hireload.admin.testing.RealServer;
import io.hireload.admin.testing.RealServerWindow;
import io.hireload.client.HireloadClient;
import io.hireload.model.BucketFile;
import io.hireload.model.Employee;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's day, headless against the real server: upload a CSV from disk and watch it load,
 * drop one on the window, fix rejected rows in place and send them again, find a person.
 */
@ExtendWith({RealServer.class, ApplicationExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2) // after AdminClientServerTest, which wants a fresh database (junit-platform.properties)
class OperatorDayTest {
    private final HireloadClient direct = new HireloadClient(URI.create(RealServer.url()), RealServer.KEY);
    private RealServerWindow ui;
    private AdminContext context;
    private AdminWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        ui = new RealServerWindow(stage, 1280, 800);
        context = ui.context();
        window = ui.window();
    }

    @BeforeEach
    void sampleLoaded() {
        direct.loadAll(null, false); // upserts: the same state whichever test runs first
    }

    @AfterEach
    void stop() throws BackingStoreException {
        ui.close();
    }

    @Test
    @Order(1)
    void uploadsAFileFromDiskThenWatchesItsLoadAndSeesItLoaded(FxRobot robot) throws Exception {
        connect(robot);
        Path file = dir.resolve("audit-departments.csv");
        Files.writeString(file, "id,department\n13,Audit\n14,Field Research\n", StandardCharsets.UTF_8);
        robot.interact(() -> {
            window.show("files");
            context.files().tableProperty().set(TableName.DEPARTMENTS);
            context.files().upload(file); // what the file chooser hands over
        });

        waitUntil(() -> context.files().loadProperty().get() != null
                && context.files().loadProperty().get().finishedProperty().get());
        RunningLoad load = context.files().loadProperty().get();
        assertThat(load.statusProperty().get()).isEqualTo(LoadStatus.SUCCEEDED);
        waitUntil(() -> context.files().noticeProperty().get().kind() == Notice.Kind.SUCCESS);
        assertThat(context.files().noticeProperty().get().text())
                .startsWith("Load " + load.loadId() + " of departments: done: 2 read");
        assertThat(robot.lookup("#upload-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#upload-load-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#upload-load-caption").queryAs(Label.class).getText())
                .startsWith("Load " + load.loadId());
        assertThat(context.loads().running()).extracting(RunningLoad::loadId).contains(load.loadId());
        robot.interact(() -> window.show("loads"));
        assertThat(fileStatusUnderItsBar("departments/audit-departments.csv")).isEqualTo("done");
        waitUntil(() -> listed("departments/audit-departments.csv") != null
                && listed("departments/audit-departments.csv").loaded());
        assertThat(listed("departments/audit-departments.csv").loadedBy()).isEqualTo(load.loadId());
        assertThat(direct.department(14)).hasValueSatisfying(d -> assertThat(d.department()).isEqualTo("Field Research"));
    }

    @Test
    @Order(2)
    void aCsvDroppedOnTheWindowIsUploadedIntoTheChosenTable(FxRobot robot) throws Exception {
        connect(robot);
        Path file = dir.resolve("more jobs.csv");
        Files.writeString(file, "900,Archivist\n", StandardCharsets.UTF_8);
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "not a csv", StandardCharsets.UTF_8);
        robot.interact(() -> {
            window.show("files");
            context.files().tableProperty().set(TableName.JOBS);
        });
        robot.clickOn("#load-after-upload");
        assertThat(robot.lookup("#load-after-upload").queryAs(CheckBox.class).isSelected()).isFalse();

        DragEvent overNotes = drag(robot, DragEvent.DRAG_OVER, notes);
        assertThat(overNotes.isAccepted()).as("a .txt is not accepted").isFalse();
        assertThat(drag(robot, DragEvent.DRAG_DROPPED, notes).isDropCompleted()).isFalse();
        assertThat(robot.lookup("#files-notice").queryAs(Label.class).getText()).contains(".csv");
        robot.interact(() -> window.show("loads"));

        DragEvent over = drag(robot, DragEvent.DRAG_OVER, notes, file);
        assertThat(over.isAccepted()).isTrue();
        assertThat(over.getAcceptedTransferMode()).isEqualTo(TransferMode.COPY);
        assertThat(window.getStyleClass()).contains("drop-target");
        DragEvent drop = drag(robot, DragEvent.DRAG_DROPPED, notes, file);
        assertThat(drop.isDropCompleted()).isTrue();
        assertThat(window.getStyleClass()).doesNotContain("drop-target");

        assertThat(robot.lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("tab-files");
        waitUntil(() -> listed("jobs/more jobs.csv") != null);
        assertThat(listed("jobs/more jobs.csv").loaded()).isFalse();
        assertThat(listed("jobs/more jobs.csv").size()).isEqualTo(Files.size(file));
        assertThat(context.files().loadProperty().get()).isNull();
        @SuppressWarnings("unchecked")
        TableView<BucketFile> list = robot.lookup("#files-list").queryAs(TableView.class);
        assertThat(list.getItems()).extracting(BucketFile::key).contains("jobs/more jobs.csv", "jobs/jobs.csv");
    }

    @Test
    @Order(3)
    void fixesRejectedRowsInPlaceAndSendsThemWithTheServersRejectsBackInTheList(FxRobot robot) throws Exception {
        connect(robot);
        // force: the sample's key and ETag are already loaded, and a load that skips it rejects nothing
        LoadReport employees = direct.load(TableName.EMPLOYEES, null, false, true);
        assertThat(employees.rejected()).isEqualTo(70);
        robot.interact(() -> {
            window.show("loads");
            context.loads().select(employees);
        });
        waitUntil(() -> context.loads().rejected().size() == 70);
        robot.clickOn("#fix-rejected");
        waitUntil(() -> context.fix().rows().size() == 70);
        @SuppressWarnings("unchecked")
        TableView<FixRow> table = robot.lookup("#fix-rows").queryAs(TableView.class);
        assertThat(table.isVisible()).isTrue();

        FixRow ty = context.fix().rows().get(0); // line 2: 2,Ty Hofer,2021-05-30T05:43:46Z,8,
        assertThat(ty.line()).isEqualTo(2);
        assertThat(ty.values()).containsExactly("2", "Ty Hofer", "2021-05-30T05:43:46Z", "8", "");
        assertThat(ty.reasonBinding().get()).isEqualTo("job_id is empty");
        CellEdits.edit(robot, table, 0, "job_id", "96");
        assertThat(ty.reasonBinding().get()).isEqualTo("ready to send");

        FixRow thia = context.fix().rows().get(1); // line 67: department_id empty
        CellEdits.edit(robot, table, 1, "department_id", "999");
        assertThat(thia.reasonBinding().get()).isEqualTo("ready to send");

        FixRow ludvig = context.fix().rows().get(2); // line 84: job_id empty
        CellEdits.edit(robot, table, 2, "job_id", "3");
        CellEdits.edit(robot, table, 2, "datetime", "2021-02-26T18:47:53");
        assertThat(ludvig.reasonBinding().get()).startsWith("datetime has no time zone");

        robot.clickOn("#send-fixed");
        waitUntil(() -> context.fix().rows().size() == 69);
        assertThat(context.fix().rows()).doesNotContain(ty).contains(thia, ludvig);
        assertThat(thia.reasonBinding().get()).isEqualTo("unknown department_id 999");
        assertThat(ludvig.reasonBinding().get()).startsWith("datetime has no time zone");
        assertThat(robot.lookup("#fix-notice").queryAs(Label.class).getText())
                .startsWith("1 of 2 rows accepted").contains("1 rejected again");
        assertThat(direct.employee(2).map(Employee::withoutNames))
                .contains(new Employee(2, "Ty Hofer", Instant.parse("2021-05-30T05:43:46Z"), 8, 96));
    }

    @Test
    @Order(4)
    void findsAPersonByNameWithDepartmentAndJobNames(FxRobot robot) throws Exception {
        connect(robot);
        robot.interact(() -> window.show("tables"));
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("VOGT").type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        TableView<Employee> employees = robot.lookup("#employees-table").queryAs(TableView.class);
        waitUntil(() -> !employees.getItems().isEmpty()
                && employees.getItems().stream().allMatch(e -> e.name().toLowerCase().contains("vogt")));
        Employee harold = employees.getItems().stream().filter(e -> e.id() == 1).findFirst().orElseThrow();
        assertThat(harold.name()).isEqualTo("Harold Vogt");
        assertThat(harold.department()).isEqualTo(direct.department(2).orElseThrow().department());
        assertThat(harold.job()).isEqualTo(direct.job(96).orElseThrow().job());
        assertThat(robot.lookup("#employees-page").queryAs(Label.class).getText())
                .endsWith(employees.getItems().size() + (employees.getItems().size() == 1 ? " row" : " rows"));

        robot.clickOn("#employee-search-from").write("2021-11-01");
        robot.clickOn("#employee-search-to").write("2021-11-30").type(KeyCode.ENTER);
        waitUntil(() -> employees.getItems().stream().allMatch(e -> e.datetime().toString().startsWith("2021-11")));
        assertThat(employees.getItems()).extracting(Employee::id).contains(1);

        robot.clickOn("#employee-search-department").write("two").type(KeyCode.ENTER);
        assertThat(robot.lookup("#employees-notice").queryAs(Label.class).getText())
                .contains("department id must be a whole number");
        robot.clickOn("#employee-search-clear");
        waitUntil(() -> employees.getItems().size() == 50);
    }

    @Test
    @Order(5)
    void theMainActionsHaveKeysListedInHelp(FxRobot robot) throws Exception {
        connect(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        assertThat(robot.lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("tab-files");
        List<String> listed = window.menu().shortcutTable().getChildren().stream()
                .map(node -> ((Label) node).getText()).toList();
        assertThat(listed).contains("File › Upload CSV…", "Actions › Find employee", "Actions › Send fixed rows",
                "Actions › Start load", "Go › Tables", "Help › Keyboard shortcuts");
    }

    private DragEvent drag(FxRobot robot, javafx.event.EventType<DragEvent> type, Path... files) {
        DragEvent[] fired = new DragEvent[1];
        robot.interact(() -> fired[0] = Drops.fire(window, type, java.util.Arrays.stream(files).map(Path::toFile).toList()));
        return fired[0];
    }

    private BucketFile listed(String key) {
        return context.files().files().stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }

    private void connect(FxRobot robot) throws Exception {
        ConnectForm.send(robot, RealServer.url(), RealServer.KEY);
        waitUntil(() -> context.session().client().isPresent());
        // What the role may do is offered once the server has said which key this is (GET /keys/me).
        waitUntil(() -> context.session().callerProperty().get() != null);
    }

    /** The status beside a file's name in the rows under a load's bar on the Loads tab. */
    private String fileStatusUnderItsBar(String file) {
        Label name = new FxRobot().lookup((Node node) -> node instanceof Label label
                && label.getStyleClass().contains("load-file-name") && file.equals(label.getText())).queryAs(Label.class);
        Integer row = GridPane.getRowIndex(name);
        return name.getParent().getChildrenUnmodifiable().stream()
                .filter(node -> node.getStyleClass().contains("load-file-status") && row.equals(GridPane.getRowIndex(node)))
                .map(node -> ((Label) node).getText())
                .findFirst().orElseThrow();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
