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
import java.util.concurrent.atomic.AtomicReference;

import static io.hireload.admin.testing.Reports.file;
import static io.hireload.admin.testing.Reports.withFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LoadsViewModelTest {
    /** While connected the history is read again on the ticker, to find loads started elsewhere. */
    private static final int HISTORY_WATCH = 1;
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
        assertThat(ticker.active()).isEqualTo(HISTORY_WATCH + 3);
        assertThat(model.running()).allSatisfy(load -> assertThat(load.fractionProperty().get()).isZero());

        ticker.tick();
        assertThat(model.running().get(0).finishedProperty().get()).isTrue();
        assertThat(model.running().get(2).fractionProperty().get()).isEqualTo(0.5);
        assertThat(model.running().get(2).captionProperty().get()).startsWith("900 rows · 50%");

        ticker.tick();
        assertThat(model.running()).allSatisfy(load -> assertThat(load.fractionProperty().get()).isEqualTo(1.0));
        assertThat(ticker.active()).isEqualTo(HISTORY_WATCH);
        assertThat(model.running()).extracting(load -> load.reportProperty().get().inserted())
                .containsExactly(12L, 183L, 1929L);
        assertThat(model.selectedProperty().get().loadId()).isEqualTo(3);
        assertThat(model.rejected()).extracting(RejectedRow::reason)
                .containsExactly("line 158: datetime is empty", "line 88: unknown department_id 13");
        assertThat(model.history()).extracting(LoadReport::loadId).containsExactly(3L, 1L);
        assertThat(model.noticeProperty().get()).as("the last load to end speaks last")
                .isEqualTo(Notice.success("employees: done: 1,999 read · 1,929 inserted · 0 updated · 2 rejected."));
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
        assertThat(ticker.active()).isEqualTo(HISTORY_WATCH);
        assertThat(server.requests()).anySatisfy(request -> assertThat(request.query())
                .containsEntry("batch_size", "250").containsEntry("dry_run", "true").doesNotContainKey("indexes"));
    }

    @Test
    void sendsTheIndexesChoiceOrLetsTheServerDecide() {
        serveAllTablesLoad();
        server.on("POST", "/employees/batch", Reports.succeeded(9, "employees", 1999, 1929, List.of()));
        connect();
        model.indexesProperty().set(IndexChoice.DEFERRED);
        model.start();
        model.targetProperty().set(LoadTarget.EMPLOYEES);
        model.indexesProperty().set(IndexChoice.KEPT);
        model.start();
        model.indexesProperty().set(IndexChoice.AUTOMATIC);
        model.start();

        assertThat(server.requests()).filteredOn(request -> request.method().equals("POST"))
                .extracting(request -> request.path() + " " + request.query().get("indexes"))
                .containsExactly("/all-tables/batch deferred", "/employees/batch kept", "/employees/batch null");
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

    @Test
    void showsEachFileOfALoadUnderItsBarThenInItsReport() {
        LoadReport running = withFiles(Reports.running(7, "employees", 900, 50, 100), "s3",
                file("employees/a.csv", "skipped", "i-1", 0, 0, 0),
                file("employees/b.csv", "running", "i-2", 900, 880, 3),
                file("employees/c.csv", "queued", null, 0, 0, 0));
        LoadReport done = withFiles(Reports.succeeded(7, "employees", 2000, 1990, List.of()), "s3",
                file("employees/a.csv", "skipped", "i-1", 0, 0, 0),
                file("employees/b.csv", "done", "i-2", 1200, 1190, 3),
                file("employees/c.csv", "done", "i-1", 800, 800, 0));
        server.on("POST", "/employees/batch", running)
                .on("GET", "/loads/7", request -> Answer.json(polls.incrementAndGet() < 2 ? running : done))
                .on("GET", "/loads", new Page<>(List.of(), 1, 100, 0, 0));
        connect();
        model.targetProperty().set(LoadTarget.EMPLOYEES);
        model.start();

        RunningLoad load = model.running().getFirst();
        assertThat(load.files()).extracting(FileProgress::file, FileProgress::status, FileProgress::instance).containsExactly(
                tuple("employees/a.csv", "skipped (already loaded)", "i-1"),
                tuple("employees/b.csv", "running", "i-2"),
                tuple("employees/c.csv", "queued", ""));
        assertThat(load.files().get(1).counts()).isEqualTo("900 read · 880 inserted · 0 updated · 0 unchanged · 3 rejected");
        assertThat(load.files().get(0).counts()).as("a skipped file read nothing").isEmpty();

        ticker.tick();
        ticker.tick();
        assertThat(load.finishedProperty().get()).isTrue();
        assertThat(load.files()).extracting(FileProgress::status)
                .containsExactly("skipped (already loaded)", "done", "done");
        assertThat(model.selectedProperty().get().loadId()).isEqualTo(7);
        assertThat(model.selectedFiles()).extracting(FileProgress::file, FileProgress::instance).containsExactly(
                tuple("employees/a.csv", "i-1"), tuple("employees/b.csv", "i-2"), tuple("employees/c.csv", "i-1"));
        assertThat(model.selectedFiles().get(2).counts()).startsWith("800 read · 800 inserted");
    }

    @Test
    void aLoadStartedElsewhereAppearsByItselfAndIsFollowedToItsEnd() {
        LoadReport earlier = withFiles(Reports.succeeded(11, "jobs", 183, 183, List.of()), "s3",
                file("jobs/jobs.csv", "done", "i-1", 183, 183, 0));
        LoadReport event = withFiles(Reports.running(12, "jobs", 10, 10, 100), "event",
                file("jobs/jobs.csv", "skipped", "i-1", 0, 0, 0),
                file("jobs/new.csv", "running", "i-9", 10, 10, 0));
        LoadReport eventDone = withFiles(Reports.succeeded(12, "jobs", 40, 40, List.of()), "event",
                file("jobs/jobs.csv", "skipped", "i-1", 0, 0, 0),
                file("jobs/new.csv", "done", "i-9", 40, 40, 0));
        AtomicReference<List<LoadReport>> listed = new AtomicReference<>(List.of(earlier));
        server.on("GET", "/loads", request -> Answer.json(new Page<>(listed.get(), 1, 100, listed.get().size(), 1)))
                .on("GET", "/loads/12", request -> Answer.json(polls.incrementAndGet() < 2 ? event : eventDone));
        connect();
        assertThat(model.running()).as("a finished load in the history gets no bar").isEmpty();

        listed.set(List.of(event, earlier)); // an S3 event started a load on the server
        ticker.tick();
        assertThat(model.running()).singleElement().satisfies(load -> {
            assertThat(load.loadId()).isEqualTo(12);
            assertThat(load.source()).isEqualTo("event");
            assertThat(load.title()).isEqualTo("jobs · load 12 · event");
            assertThat(load.files()).extracting(FileProgress::file, FileProgress::status).containsExactly(
                    tuple("jobs/jobs.csv", "skipped (already loaded)"), tuple("jobs/new.csv", "running"));
        });

        ticker.tick(); // the history lists it again: still one bar
        listed.set(List.of(eventDone, earlier));
        ticker.tick();
        assertThat(model.running()).singleElement().satisfies(load -> {
            assertThat(load.finishedProperty().get()).isTrue();
            assertThat(load.files()).extracting(FileProgress::status).containsExactly("skipped (already loaded)", "done");
        });
        assertThat(ticker.active()).isEqualTo(HISTORY_WATCH);
        assertThat(model.selectedProperty().get().loadId()).isEqualTo(12);

        model.select(model.history().getLast()); // the earlier load, picked in the history table
        assertThat(model.selectedFiles()).extracting(FileProgress::file, FileProgress::counts)
                .containsExactly(tuple("jobs/jobs.csv", "183 read · 183 inserted · 0 updated · 0 unchanged · 0 rejected"));
    }

    @Test
    void anUploadsLoadTheHistoryFoundFirstKeepsItsOneBar() {
        LoadReport upload = Reports.running(20, "departments", 0, 0, 100);
        server.on("GET", "/loads", new Page<>(List.of(upload), 1, 100, 1, 1))
                .on("GET", "/loads/20", upload);
        connect();
        RunningLoad found = model.running().getFirst();

        assertThat(model.follow(upload)).isSameAs(found);
        assertThat(model.running()).hasSize(1);
        assertThat(ticker.active()).isEqualTo(HISTORY_WATCH + 1);
    }

    @Test
    void leavingTheServerStopsWatchingItsHistory() {
        server.on("GET", "/loads", new Page<>(List.of(), 1, 100, 0, 0));
        connect();
        assertThat(ticker.active()).isEqualTo(HISTORY_WATCH);
        session.disconnect();
        assertThat(ticker.active()).isZero();
    }

    /** Connected, the all-tables load started, and its polls answered until it has finished. */
    private void startAndFinishTheLoad() {
        connect();
        model.start();
        ticker.tick();
        ticker.tick();
    }
}
