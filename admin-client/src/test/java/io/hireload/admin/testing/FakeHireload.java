package io.hireload.admin.testing;

import io.hireload.admin.testing.StubServer.Answer;
import io.hireload.model.ApiError;
import io.hireload.model.Employee;
import io.hireload.model.HealthAnswer;
import io.hireload.model.Page;
import io.hireload.model.ServiceInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A stand-in for a server that checks keys: healthy, and employees only for {@link #KEY}. */
public final class FakeHireload implements AutoCloseable {
    public static final String KEY = "fake-key";

    private final StubServer stub = new StubServer();

    public FakeHireload() {
        stub.on("GET", "/", new ServiceInfo("hireload", "0.1.0-fake", "fake", Map.of()))
                .on("GET", "/health-db", new HealthAnswer("UP", "database", "PostgreSQL 17.11 (embedded)", List.of()))
                .on("GET", "/health-s3", new HealthAnswer("UP", "s3", "bucket hireload", List.of("employees/hired_employees.csv")))
                .on("GET", "/employees", request -> ("Bearer " + KEY).equals(request.authorization())
                        ? Answer.json(Page.of(List.of(new Employee(1, "Ann", Instant.parse("2021-01-01T00:00:00Z"), 1, 1)), 1, 1, 1))
                        : Answer.json(401, new ApiError("unauthorized", "the key is missing or wrong")))
                .on("GET", "/loads", Page.of(List.of(), 1, 100, 0))
                .on("GET", "/departments", Page.of(List.of(), 1, 50, 0))
                .on("GET", "/jobs", Page.of(List.of(), 1, 50, 0))
                .on("GET", "/metrics/*", Page.of(List.of(), 1, 1000, 0));
    }

    public String url() {
        return stub.uri().toString();
    }

    @Override
    public void close() {
        stub.close();
    }
}
