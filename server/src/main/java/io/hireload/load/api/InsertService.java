package io.hireload.load.api;

import io.hireload.load.engine.BatchWriter;
import io.hireload.load.engine.ItemReading;
import io.hireload.load.engine.LoadSession;
import io.hireload.load.queue.LoadRecords;
import io.hireload.load.queue.LoadRuns;
import io.hireload.metrics.MetricsCompactor;
import io.hireload.model.ApiPaths;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.rows.Columns;
import io.hireload.rows.CsvRowReader;
import io.hireload.rows.JsonRows;
import io.hireload.rows.JsonRows.Item;
import io.hireload.rows.MalformedCsvException;
import io.hireload.rows.SourceRow;
import io.hireload.failure.Failure;
import io.hireload.db.DatabaseFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The challenge's API: 1 to 1000 rows of one table in one request, as a JSON array or a CSV body.
 * The rows go through the same session and validator as the S3 loads; the valid ones are upserted
 * in one transaction, the others rejected and kept with their reasons.
 */
@ApplicationScoped
public class InsertService {
    static final String CSV_BODY = "request body (CSV)";
    private static final int MAX_ROWS = ApiPaths.MAX_BATCH_SIZE;

    private final LoadRuns runs;
    private final BatchWriter writer;
    private final MetricsCompactor compactor;

    @Inject
    public InsertService(LoadRuns runs, BatchWriter writer, MetricsCompactor compactor) {
        this.runs = runs;
        this.writer = writer;
        this.compactor = compactor;
    }

    public LoadReport insertJson(TableName table, InputStream body, boolean dryRun) {
        JsonRows.Parsed parsed;
        try {
            parsed = JsonRows.read(table, body, MAX_ROWS);
        } catch (JsonRows.BodyException e) {
            throw new Failure.InvalidInput(e.getMessage());
        } catch (IOException e) {
            throw new Failure.InvalidInput("the body could not be read: " + e.getMessage());
        }
        return insert(table, parsed.items(), parsed.overLimit(), false, dryRun, SourceRow.JSON_BODY);
    }

    public LoadReport insertCsv(TableName table, InputStream body, boolean dryRun, Character delimiter) {
        List<Item> items = new ArrayList<>();
        boolean overLimit = false;
        int rows = 0;
        boolean first = true;
        try (CsvRowReader reader = new CsvRowReader(body, CSV_BODY, delimiter, ItemReading.maxLineBytes())) {
            while (true) {
                SourceRow row;
                try {
                    row = reader.next();
                } catch (MalformedCsvException e) {
                    // Past an unclosed quote no row can be told from the next: a body is all or
                    // nothing at the syntax level, so none of it is written (an S3 file fails there).
                    throw new Failure.InvalidInput("the CSV body cannot be split into fields at line "
                            + e.row().line() + " (a quote that is not closed, or text after a closing quote): "
                            + quoted(e.row().raw()) + "; nothing was written, fix the quoting and send it again");
                }
                if (row == null) {
                    break;
                }
                items.add(new Item(row, null));
                if (!row.blank()) {
                    boolean header = first && Columns.isHeader(table, row.fields());
                    first = false;
                    rows += header ? 0 : 1;
                }
                if (rows > MAX_ROWS) {
                    overLimit = true;
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new Failure.InvalidInput("the body could not be read: " + e.getMessage());
        }
        if (!overLimit && rows == 0) {
            items.clear();
        }
        return insert(table, items, overLimit, true, dryRun, CSV_BODY);
    }

    private static String quoted(String raw) {
        String line = raw == null ? "" : raw.lines().findFirst().orElse("");
        return "'" + (line.length() <= 60 ? line : line.substring(0, 57) + "...") + "'";
    }

    private LoadReport insert(TableName table, List<Item> items, boolean overLimit, boolean csv, boolean dryRun,
                              String source) {
        if (overLimit) {
            throw new Failure.TooLarge("too many rows", "a request holds at most " + MAX_ROWS
                    + " rows; split the data or load it from S3 with POST /" + table.path() + "/batch");
        }
        if (items.stream().allMatch(item -> item.typeError() == null && item.row().blank())) {
            throw new Failure.InvalidInput("the body holds no rows: send 1 to " + MAX_ROWS + " rows");
        }
        Instant received = Instant.now();
        LoadReport[] report = new LoadReport[1];
        // One batch, written on this thread; each attempt records the request afresh.
        LoadSession session = new LoadSession(table, Integer.MAX_VALUE, dryRun, 1, batch -> {
            report[0] = writer.writeRequest(new LoadRecords.Request(table, dryRun, MAX_ROWS, source, received), batch);
        }, compactor, Runnable::run, () -> false);
        try {
            if (csv) {
                session.startSource();
            }
            for (Item item : items) {
                if (item.typeError() != null) {
                    session.reject(item.row(), item.typeError());
                } else {
                    session.accept(item.row());
                }
            }
            session.finish(true);
        } catch (RuntimeException e) {
            // Said in the rows' words (busy, the database away, our fault), the driver's text logged.
            Failure said = e instanceof Failure known ? known : DatabaseFailures.describe("write the rows", e);
            recordFailure(table, dryRun, source, said);
            throw said;
        }
        return report[0];
    }

    /** A request that failed still shows in the history, with why; the database may be what failed. */
    private void recordFailure(TableName table, boolean dryRun, String source, Failure failure) {
        try {
            long id = runs.create(table, "api", LoadStatus.RUNNING, dryRun, MAX_ROWS, List.of(source), 0);
            runs.finish(id, LoadStatus.FAILED, failure.getMessage());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
