package io.hireload.bench;

import io.hireload.support.Api;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metrics against the plain SQL they answer: equal row for row whenever asked (after each load
 * that changes the table), and, in the {@code metrics} phase, their median time against the SQL's.
 */
final class MetricsPhase {
    private record Metric(String name, String path, String sql, List<String> fields) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("hired-by-quarter-2021", "/metrics/hired-by-quarter-2021", ReferenceQueries.HIRED_BY_QUARTER_SQL,
                    List.of("department", "job", "q1", "q2", "q3", "q4")),
            new Metric("top-hiring-departments", "/metrics/top-hiring-departments", ReferenceQueries.TOP_DEPARTMENTS_SQL,
                    List.of("id", "department", "hired")));

    private final Results results;
    private final int calls;

    MetricsPhase(Results results, int calls) {
        this.results = results;
        this.calls = calls;
    }

    /** Each metric equal to its SQL {@code when}; with {@code timed}, also its median time against the SQL's. */
    void run(Api api, Reference reference, String when, boolean timed) throws SQLException {
        for (Metric m : METRICS) {
            List<String> http = api.allItems(m.path()).stream().map(item -> m.fields().stream()
                    .map(f -> item.path(f).asText()).collect(Collectors.joining("|"))).toList();
            List<String> sql = reference.rows(m.sql());
            results.check(m.name() + " equals its plain SQL " + when, http.equals(sql), http.equals(sql)
                    ? http.size() + " rows, equal row for row" : firstDifference(http, sql));
            if (timed) {
                time(api, reference, m);
            }
        }
    }

    /** Calls alternate (after 3 warm-up calls each), so load from elsewhere hits both sides alike. */
    private void time(Api api, Reference reference, Metric m) throws SQLException {
        Bench.step("metrics: " + m.path() + " vs plain SQL, " + calls + " calls each");
        for (int i = 0; i < 3; i++) {
            api.allItems(m.path());
            reference.rows(m.sql());
        }
        double[] httpMs = new double[calls];
        double[] sqlMs = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            api.allItems(m.path());
            httpMs[i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            reference.rows(m.sql());
            sqlMs[i] = (System.nanoTime() - t) / 1e6;
        }
        results.figure("GET " + m.path().substring("/metrics".length()) + " median", Summary.median(httpMs), "ms",
                "plain SQL over JDBC, median", Summary.median(sqlMs), "ms", Target.METRIC_VS_SQL,
                "every page of the answer over HTTP vs the whole result over JDBC, on " + String.format(Locale.ROOT,
                        "%,d employees, %d calls each, alternating", reference.scalar("select count(*) from public.employee"),
                        calls));
        results.measurements.put("metric_" + m.name(), Map.of("http_ms", httpMs, "sql_ms", sqlMs));
    }

    private static String firstDifference(List<String> http, List<String> sql) {
        for (int i = 0; i < Math.min(http.size(), sql.size()); i++) {
            if (!http.get(i).equals(sql.get(i))) {
                return "row " + (i + 1) + ": API " + http.get(i) + " vs SQL " + sql.get(i);
            }
        }
        return "API has " + http.size() + " rows, SQL " + sql.size();
    }
}
