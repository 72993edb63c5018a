package io.hireload.admin.loads;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Session;
import io.hireload.admin.testing.ManualTicker;
import io.hireload.admin.testing.Reports;
import io.hireload.admin.testing.StubServer;
import io.hireload.admin.testing.StubServer.Answer;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiError;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadsAnswer;
import io.hireload.model.Page;
import io.hireload.model.RejectedRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoadsViewModelTest {
    private static final List<RejectedRow> REJECTED = List.of(
            new RejectedRow("employees/hired_employees.csv", 158, "158,Ann,,2,3", "line 158: datetime is empty"),
            new RejectedRow("employees/hired_employees.csv", 88, "88,Bob,2021-01-01T00:00:00Z,13,1", "line 88: unknown department_id 13"));

    private final StubServer server = new StubServer();
    private final Session session = new Session();
    private final ManualTicker ticker = new ManualTicker();
    private final AtomicInteger polls = new AtomicInteger();
    private final LoadsViewModel model = new LoadsViewModel(session, Background.direct(), ticker, Duration.ofMillis(100));

    @AfterEach
    void stop() {
        server.close();
    }

    private void connect() {
        session.connected(new HireloadClient(server.uri(), "key"));
    }

    private void serveAllTablesLoad() {
        server.on("POST", "/all-tables/batch", new LoadsAnswer(List.of(
                        Reports.running(1, "departments", 0, 0, 100),
                        Reports.running(2, "jobs", 0, 0, 100),
                        Reports.running(3, "employees", 0, 0, 100))))
                .on("GET", "/loads/1", Reports.succeeded(1, "departments", 12, 12, List.of()))
                .on("GET", "/loads/2", Reports.succeeded(2, "jobs", 183, 183, List.of()))
                .on("GET", "/loads/3", request -> polls.incrementAndGet() < 2
                        ? Answer.json(Reports.running(3, "employees", 900, 50, 100))
                        : Answer.json(Reports.succeeded(3, "employees", 1999, 1929, REJECTED)))
                .on("GET", "/loads/3/rejected", request -> Answer.json(new Page<>(REJECTED, 1, 100, 2, 1)))
                .on("GET", "/loads", new Page<>(List.of(
                        Reports.succeeded(1, "departments", 12, 12, List.of()),
                        Reports.succeeded(3, "employees", 1999, 1929, REJECTED)), 1, 100, 2, 1));
    }

    @Test
    void followsEachLoadUntilItIsFinished() {
        serveAllTablesLoad();
        connect();
        model.start();

        assertThat(model.running()).extracting(RunningLoad::table).containsExactly("departments", "jobs", "employees");
        assertThat(ticker.active()).isEqualTo(3);
        assertThat(model.running()).allSatisfy(load -> assertThat(load.fractionProperty().get()).isZero());

        ticker.tick();
        assertThat(model.running().get(0).finishedProperty().get()).isTrue();
        assertThat(model.running().get(2).fractionProperty().get()).isEqualTo(0.5);
        assertThat(model.running().get(2).captionProperty().get()).startsWith("900 rows · 50%");

        ticker.tick();
        assertThat(model.running()).allSatisfy(load -> assertThat(load.fractionProperty().get()).isEqualTo(1.0));
        assertThat(ticker.active()).isZero();
        assertThat(model.running()).extracting(load -> load.reportProperty().get().inserted())
                .containsExactly(12L, 183L, 1929L);
        assertThat(model.selectedProperty().get().loadId()).isEqualTo(3);
        assertThat(model.rejected()).extracting(RejectedRow::reason)
                .containsExactly("line 158: datetime is empty", "line 88: unknown department_id 13");
        assertThat(model.history()).extracting(LoadReport::loadId).containsExactly(3L, 1L);
        assertThat(server.requests()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/all-tables/batch");
            assertThat(request.query()).containsEntry("async", "true").containsEntry("batch_size", "1000")
                    .containsEntry("dry_run", "false");
        });
    }

    @Test
    void startsOneTableWithItsBatchSizeAndDryRun() {
        server.on("POST", "/jobs/batch", Reports.succeeded(9, "jobs", 183, 0, List.of()))
                .on("GET", "/loads", new Page<>(List.of(), 1, 100, 0, 0));
        connect();
        model.targetProperty().set(LoadTarget.JOBS);
        model.batchSizeProperty().set(250);
        model.dryRunProperty().set(true);
        model.start();

        assertThat(model.running()).singleElement().satisfies(load -> assertThat(load.finishedProperty().get()).isTrue());
        assertThat(ticker.active()).isZero();
        assertThat(server.requests()).anySatisfy(request -> assertThat(request.query())
                .containsEntry("batch_size", "250").containsEntry("dry_run", "true"));
    }

    @Test
    void aLoadTheServerRefusesShowsWhy() {
        server.on("POST", "/all-tables/batch", request -> Answer.json(409,
                new ApiError("a load is running", "employees are being loaded by load 4")));
        connect();
        model.start();
        assertThat(model.noticeProperty().get().kind()).isEqualTo(Notice.Kind.ERROR);
        assertThat(model.noticeProperty().get().text()).contains("did not start").contains("employees are being loaded by load 4");
        assertThat(model.startingProperty().get()).isFalse();
    }

    @Test
    void withoutAConnectionItSaysWhereToGo() {
        model.start();
        assertThat(model.noticeProperty().get().text()).contains("Connect tab");
    }

    @Test
    void rejectsABatchSizeOutOfRange() {
        connect();
        model.batchSizeProperty().set(5000);
        model.start();
        assertThat(model.noticeProperty().get().text()).isEqualTo("Batch size must be 1 to 1000.");
    }

    @Test
    void exportSavesTheServersCsvByteForByte(@TempDir Path dir) throws Exception {
        String csv = "file,line,raw,reason\r\n"
                + "employees/hired_employees.csv,158,\"158,Ann,,2,3\",line 158: datetime is empty\r\n";
        serveAllTablesLoad();
        server.on("GET", "/loads/3/rejected", request -> "text/csv".equals(request.accept())
                ? Answer.text("text/csv", csv)
                : Answer.json(new Page<>(REJECTED, 1, 100, 2, 1)));
        startAndFinishTheLoad();

        Path file = dir.resolve("rejected.csv");
        model.exportRejected(file);
        assertThat(Files.readString(file)).isEqualTo(csv);
        assertThat(model.noticeProperty().get().text()).contains("Wrote the 2 rejected rows of load 3");
        assertThat(server.requests()).filteredOn(request -> "text/csv".equals(request.accept())).singleElement()
                .satisfies(request -> assertThat(request.query()).doesNotContainKeys("page", "size"));
    }

    @Test
    void anExportTheServerRefusesSaysWhyAndLeavesNoFile(@TempDir Path dir) {
        serveAllTablesLoad();
        server.on("GET", "/loads/3/rejected", request -> "text/csv".equals(request.accept())
                ? Answer.json(404, new ApiError("not found", "no load 3"))
                : Answer.json(new Page<>(REJECTED, 1, 100, 2, 1)));
        startAndFinishTheLoad();

        Path file = dir.resolve("rejected.csv");
        model.exportRejected(file);
        assertThat(model.noticeProperty().get().kind()).isEqualTo(Notice.Kind.ERROR);
        assertThat(model.noticeProperty().get().text()).contains("Cannot export the rejected rows").contains("no load 3");
        assertThat(dir).isEmptyDirectory();
    }

    /** Connected, the all-tables load started, and its polls answered until it has finished. */
    private void startAndFinishTheLoad() {
        connect();
        model.start();
        ticker.tick();
        ticker.tick();
    }
}
