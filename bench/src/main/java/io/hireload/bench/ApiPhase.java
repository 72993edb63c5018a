package io.hireload.bench;

import io.hireload.support.Api;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code api} phase: {@link #CLIENTS} clients posting 1000-row JSON batches of new ids through
 * the 1..1000-row API, rows/s against the bulk path's (the large load's valid rows over its time);
 * two timed halves, the better one counts (the first also warms the post path up).
 */
final class ApiPhase {
    static final int CLIENTS = 4;
    private static final int FIRST_ID = 1_000_000_001;

    private final Stage stage;
    private final Loads loads;
    private final Results results;

    ApiPhase(Stage stage, Loads loads, Results results) {
        this.stage = stage;
        this.loads = loads;
        this.results = results;
    }

    void run(Loads.Load large, DataFile data) throws Exception {
        int rows = stage.settings.apiRows();
        int batchSize = Loads.BATCH_SIZE;
        int batches = (rows + batchSize - 1) / batchSize;
        List<String> bodies = new ArrayList<>(batches);
        List<Integer> sizes = new ArrayList<>(batches);
        Random random = new Random(20210);
        long from = Instant.parse("2021-01-01T00:00:00Z").getEpochSecond();
        int id = FIRST_ID;
        for (int b = 0; b < batches; b++) {
            int size = Math.min(batchSize, rows - b * batchSize);
            StringBuilder body = new StringBuilder(size * 110).append('[');
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    body.append(',');
                }
                body.append("{\"id\":").append(id++)
                        .append(",\"name\":\"Api Client ").append(random.nextInt(1000))
                        .append("\",\"datetime\":\"").append(Instant.ofEpochSecond(from + random.nextInt(365 * 86400)))
                        .append("\",\"department_id\":").append(1 + random.nextInt(12))
                        .append(",\"job_id\":").append(1 + random.nextInt(183)).append('}');
            }
            bodies.add(body.append(']').toString());
            sizes.add(size);
        }
        Bench.step("API: " + CLIENTS + " clients posting " + batches + " batches of up to " + batchSize + " rows");
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger inserted = new AtomicInteger();
        int half = (batches + 1) / 2;
        double[] rates = new double[2];
        double[] seconds = new double[2];
        for (int round = 0; round < 2; round++) {
            int first = round * half;
            int before = inserted.get();
            seconds[round] = post(large.server().api(), bodies, sizes, first, Math.min(batches, first + half), failures,
                    inserted);
            rates[round] = (inserted.get() - before) / seconds[round];
        }
        double apiRate = Math.max(rates[0], rates[1]);
        double bulkRate = data.valid() / large.seconds();
        results.check("every API batch answered with all its rows inserted", failures.isEmpty(),
                failures.isEmpty() ? inserted.get() + " rows in " + batches + " batches"
                        : failures.size() + " failures, first: " + failures.peek() + stage.serverLogHints(large.log()));
        results.figure("API rows/s, " + CLIENTS + " clients x " + batchSize + "-row JSON", apiRate, "rows/s",
                "bulk path rows/s (valid rows inserted)", bulkRate, "rows/s", Target.API_VS_BULK,
                String.format(Locale.ROOT, "better of 2 halves: %.0f and %.0f rows/s; %d rows inserted in %.2f s",
                        rates[0], rates[1], inserted.get(), seconds[0] + seconds[1]));
        results.measurements.put("api_seconds", seconds);
        loads.countsEqual(large, data.valid() + rows, "after the API posts");
    }

    /** Batches [from, to) posted by the clients side by side; answers the seconds taken. */
    private double post(Api server, List<String> bodies, List<Integer> sizes, int from, int to,
                        ConcurrentLinkedQueue<String> failures, AtomicInteger inserted) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Api client = new Api(server.base(), stage.adminKey);
                clients.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < to) {
                        HttpResponse<String> answer = client.call("POST", "/employees", "application/json", bodies.get(b));
                        if (answer.statusCode() / 100 != 2) {
                            failures.add("batch " + b + ": " + answer.statusCode() + " " + Api.abbreviate(answer.body()));
                            continue;
                        }
                        long n = client.parse(answer.body()).path("inserted").asLong(-1);
                        inserted.addAndGet((int) n);
                        if (n != sizes.get(b)) {
                            failures.add("batch " + b + ": inserted " + n + " of " + sizes.get(b));
                        }
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
