package io.hireload.admin.testing;

import io.hireload.admin.testing.StubServer.Answer;
import io.hireload.model.BucketFile;
import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.HealthAnswer;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.Page;
import io.hireload.model.Progress;
import io.hireload.model.RejectedRow;
import io.hireload.model.ServiceInfo;
import io.hireload.model.TopDepartment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server as the screens meet it on an operator's day, canned: a history with a clean load, one
 * with some rows rejected, one with every row rejected and one still running (which a cancel
 * stops); a department with 70 jobs; files to load again, dry-run and delete; rejected rows the
 * client's own check finds nothing wrong with; and an upload the server holds until released.
 */
public final class OperatorStub implements AutoCloseable {
    public static final String KEY = "stub-key";
    public static final long CLEAN = 3;
    public static final long SOME_REJECTED = 4;
    public static final long ALL_REJECTED = 5;
    public static final long RUNNING = 6;
    /** Jobs Engineering hired for in 2021: more than a chart's height holds as bars. */
    public static final int ENGINEERING_JOBS = 70;

    private final StubServer stub = new StubServer();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch releaseUpload = new CountDownLatch(1);
    private final CountDownLatch uploadArrived = new CountDownLatch(1);

    public OperatorStub() {
        stub.on("GET", "/", new ServiceInfo("hireload", "0.1.0-stub", "stub", Map.of()))
                .on("GET", "/health-db", new HealthAnswer("UP", "database", "PostgreSQL (stub)", List.of()))
                .on("GET", "/health-s3", new HealthAnswer("UP", "s3", "bucket hireload", List.of()))
                .on("GET", "/employees", request -> ("Bearer " + KEY).equals(request.authorization())
                        ? Answer.json(Page.of(List.of(new Employee(1, "Ann", Instant.parse("2021-01-01T00:00:00Z"), 1, 1)), 1, 1, 1))
                        : Answer.json(401, Map.of("error", "unauthorized", "detail", "the key is missing or wrong")))
                .on("GET", "/departments", Page.of(List.of(new Department(1, "Engineering")), 1, 1, 3))
                .on("GET", "/jobs", Page.of(List.of(), 1, 50, 0))
                .on("GET", "/metrics/hired-by-quarter-2021", Page.of(quarters(), 1, 1000, quarters().size()))
                .on("GET", "/metrics/top-hiring-departments", Page.of(List.of(
                        new TopDepartment(1, "Engineering", engineeringHires(), allHires() / 3.0)), 1, 1000, 1))
                .on("GET", "/loads", request -> Answer.json(Page.of(history(), 1, 100, history().size())))
                // Registered before the loads' own routes: among routes that match, the latest wins.
                .on("GET", "/loads/*", request -> Answer.json(rejectedPage()))
                .on("GET", "/loads/" + RUNNING, request -> Answer.json(running()))
                .on("POST", "/loads/" + RUNNING + "/cancel", request -> {
                    cancelled.set(true);
                    return Answer.json(202, running());
                })
                .on("GET", "/files", Page.of(List.of(
                        new BucketFile("employees/hired_employees.csv", 1_234_567, Instant.parse("2026-12-01T10:00:00Z"),
                                "abc", true, CLEAN),
                        new BucketFile("employees/march.csv", 0, Instant.parse("2026-12-06T09:00:00Z"),
                                "d41d8", false, null)), 1, 1000, 2))
                .on("POST", "/employees/batch", request -> Answer.json(202, Reports.running(7, "employees", 0, 0, 100)))
                .on("GET", "/loads/7", request -> Answer.json(Reports.succeeded(7, "employees", 10, 10, List.of())))
                .on("DELETE", "/files/employees/march.csv", request -> new Answer(204, "application/json", ""))
                .on("POST", "/employees", request -> Answer.json(201, Reports.succeeded(8, "employees", 1, 1, List.of())))
                .onRaw("PUT", "/files/*", exchange -> {
                    // Takes a little of the body, then holds the request open until released.
                    exchange.getRequestBody().readNBytes(64 * 1024);
                    uploadArrived.countDown();
                    try {
                        releaseUpload.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
    }

    public String url() {
        return stub.uri().toString();
    }

    public StubServer server() {
        return stub;
    }

    public boolean uploadArrived() {
        return uploadArrived.getCount() == 0;
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    /** Engineering's 70 jobs (one to seventy hires each, spread over the quarters), two small departments. */
    public static List<HiredByQuarter> quarters() {
        List<HiredByQuarter> rows = new ArrayList<>();
        for (int job = 1; job <= ENGINEERING_JOBS; job++) {
            rows.add(new HiredByQuarter("Engineering", String.format("Engineer %02d", job), job, 0, job % 3, 1));
        }
        rows.add(new HiredByQuarter("Legal", "Counsel", 1, 0, 1, 0));
        rows.add(new HiredByQuarter("Sales", "Account Executive", 2, 1, 0, 0));
        return rows;
    }

    /** The year's hires over the stub's three departments are the mean it answers. */
    private static long allHires() {
        return quarters().stream().mapToLong(r -> r.q1() + r.q2() + r.q3() + r.q4()).sum();
    }

    static long engineeringHires() {
        return quarters().stream().filter(r -> r.department().equals("Engineering"))
                .mapToLong(r -> r.q1() + r.q2() + r.q3() + r.q4()).sum();
    }

    private LoadReport running() {
        return cancelled.get()
                ? Reports.report(RUNNING, "employees", LoadStatus.INTERRUPTED, 2_000_000, 2_000_000, 0,
                        new Progress(40, 100, 2_000_000, 40, 1000, 0L), List.of())
                : Reports.running(RUNNING, "employees", 2_000_000, 40, 100);
    }

    private List<LoadReport> history() {
        return List.of(running(),
                Reports.report(ALL_REJECTED, "employees", LoadStatus.SUCCEEDED, 3, 0, 3,
                        new Progress(100, 100, 3, 100, 1000, 0L), List.of()),
                Reports.report(SOME_REJECTED, "employees", LoadStatus.SUCCEEDED, 4_825_285, 4_825_215, 70,
                        new Progress(100, 100, 4_825_285, 100, 1000, 0L), List.of()),
                Reports.succeeded(CLEAN, "departments", 12, 12, List.of()));
    }

    /** Rows the server rejected for what only it can know: the client's check passes each. */
    private static Page<RejectedRow> rejectedPage() {
        List<RejectedRow> rows = List.of(
                new RejectedRow("employees/e.csv", 2, "2,Ty Hofer,2021-05-30T05:43:46Z,8,96", "line 2: unknown department_id 8"),
                new RejectedRow("employees/e.csv", 3, "3,Lyman Hadye,2021-09-01T23:27:38Z,99,52", "line 3: unknown department_id 99"),
                new RejectedRow("employees/e.csv", 4, "4,Lotti Crowthe,2021-10-01T13:04:21Z,99,71", "line 4: unknown department_id 99"));
        return Page.of(rows, 1, 100, rows.size());
    }

    @Override
    public void close() {
        releaseUpload.countDown();
        stub.close();
    }
}
