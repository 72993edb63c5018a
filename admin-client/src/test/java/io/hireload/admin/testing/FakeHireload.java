package io.hireload.admin.testing;

import io.hireload.admin.testing.StubServer.Answer;
import io.hireload.model.ApiError;
import io.hireload.model.Department;
import io.hireload.model.Employee;
import io.hireload.model.HealthAnswer;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.Job;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadsAnswer;
import io.hireload.model.Page;
import io.hireload.model.RejectedRow;
import io.hireload.model.ServiceInfo;
import io.hireload.model.TopDepartment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A small stand-in for the server, enough for the window to be driven end to end in a fast test:
 * 12 departments, 183 jobs, 1929 employees, a load that runs for a few polls, 70 rejected rows.
 */
public final class FakeHireload implements AutoCloseable {
    public static final String KEY = "fake-key";
    private static final String[] DEPARTMENTS = {"Supply Chain", "Maintenance", "Staff", "Research and Development",
            "Business Development", "Engineering", "Human Resources", "Services", "Support", "Marketing", "Sales",
            "Legal"};

    private final StubServer stub = new StubServer();
    private final AtomicInteger polls = new AtomicInteger();

    public FakeHireload() {
        List<Department> departments = IntStream.rangeClosed(1, 12).mapToObj(i -> new Department(i, DEPARTMENTS[i - 1])).toList();
        List<Job> jobs = IntStream.rangeClosed(1, 183).mapToObj(i -> new Job(i, "Job " + i)).toList();
        List<Employee> employees = IntStream.rangeClosed(1, 1929).mapToObj(i -> new Employee(i, "Employee " + i,
                Instant.parse("2021-01-01T00:00:00Z").plusSeconds(i * 16_000L), i % 12 + 1, i % 183 + 1)).toList();
        List<RejectedRow> rejected = IntStream.rangeClosed(1, 70).mapToObj(i -> new RejectedRow(
                "employees/hired_employees.csv", i * 28L, (i * 28) + ",Someone,,3,4", "line " + (i * 28) + ": datetime is empty")).toList();
        List<HiredByQuarter> byQuarter = new ArrayList<>();
        for (String department : List.of(DEPARTMENTS).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) {
            for (int j = 1; j <= 3; j++) {
                int seed = department.length() * j;
                byQuarter.add(new HiredByQuarter(department, "Job " + seed, seed % 5, seed % 7, seed % 4 + 1, seed % 3));
            }
        }
        List<TopDepartment> top = List.of(new TopDepartment(8, "Support", 221), new TopDepartment(5, "Engineering", 208),
                new TopDepartment(7, "Human Resources", 204));

        stub.on("GET", "/", new ServiceInfo("hireload", "0.1.0-fake", Map.of()))
                .on("GET", "/health-db", new HealthAnswer("UP", "database", "PostgreSQL 17.11 (embedded)", List.of()))
                .on("GET", "/health-s3", new HealthAnswer("UP", "s3", "bucket hireload", List.of(
                        "departments/departments.csv", "jobs/jobs.csv", "employees/hired_employees.csv")))
                .on("GET", "/departments", request -> guarded(request, page(request, departments)))
                .on("GET", "/jobs", request -> guarded(request, page(request, jobs)))
                .on("GET", "/employees", request -> guarded(request, page(request, employees)))
                .on("POST", "/all-tables/batch", request -> guarded(request, () -> {
                    polls.set(0);
                    return Answer.json(202, new LoadsAnswer(List.of(
                            Reports.running(1, "departments", 0, 0, 100),
                            Reports.running(2, "jobs", 0, 0, 100),
                            Reports.running(3, "employees", 0, 0, 100))));
                }))
                .on("GET", "/loads/1", Reports.succeeded(1, "departments", 12, 12, List.of()))
                .on("GET", "/loads/2", Reports.succeeded(2, "jobs", 183, 183, List.of()))
                .on("GET", "/loads/3", request -> polls.incrementAndGet() < 4
                        ? Answer.json(Reports.running(3, "employees", polls.get() * 500L, polls.get() * 25L, 100))
                        : Answer.json(Reports.report(3, "employees", io.hireload.model.LoadStatus.SUCCEEDED, 1999, 1929, 70,
                        null, rejected.subList(0, 70))))
                .on("GET", "/loads/3/rejected", request -> Answer.json(pageOf(request, rejected, "size")))
                .on("GET", "/loads", request -> Answer.json(Page.of(List.of(
                        Reports.report(3, "employees", io.hireload.model.LoadStatus.SUCCEEDED, 1999, 1929, 70, null, List.of()),
                        Reports.succeeded(2, "jobs", 183, 183, List.of()),
                        Reports.succeeded(1, "departments", 12, 12, List.of())), 1, 100, 3)))
                .on("GET", "/metrics/hired-by-quarter-2021", request -> Answer.json(pageOf(request, byQuarter, "limit")))
                .on("GET", "/metrics/top-hiring-departments", request -> Answer.json(pageOf(request, top, "limit")));
    }

    private static <T> IntFunction<Answer> page(StubServer.Request request, List<T> rows) {
        return ignored -> Answer.json(pageOf(request, rows, "size"));
    }

    private static Answer guarded(StubServer.Request request, IntFunction<Answer> answer) {
        return ("Bearer " + KEY).equals(request.authorization())
                ? answer.apply(0)
                : Answer.json(401, new ApiError("unauthorized", "the key is missing or wrong"));
    }

    private static Answer guarded(StubServer.Request request, java.util.function.Supplier<Answer> answer) {
        return guarded(request, ignored -> answer.get());
    }

    private static <T> Page<T> pageOf(StubServer.Request request, List<T> rows, String sizeName) {
        int page = request.intParam("page", 1);
        int size = request.intParam(sizeName, 50);
        int from = Math.min(rows.size(), (page - 1) * size);
        return Page.of(rows.subList(from, Math.min(rows.size(), from + size)), page, size, rows.size());
    }

    public String url() {
        return stub.uri().toString();
    }

    @Override
    public void close() {
        stub.close();
    }
}
