package io.hireload.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One INFO line when a load starts and one when it ends (SPEC section 3), so on-call finds a load
 * in the log by its id: the text format says it in a sentence, the JSON format
 * ({@code HIRELOAD_LOG_FORMAT=json}) carries {@code load_id}, table, source, status, counters and
 * duration as fields ({@link LogFormat} merges a record's field map into its line). Written after
 * the transaction that started or ended the load committed, by the instance that did it.
 */
@ApplicationScoped
public class LoadLog {
    static final Logger LOADS = Logger.getLogger("io.hireload.loads");

    void started(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoadStarted load) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "load_started");
        fields.put(LogFormat.LOAD_ID, load.loadId());
        fields.put("table", load.table());
        fields.put("source", load.source());
        fields.put("files", load.files());
        fields.put("dry_run", load.dryRun());
        log(Level.INFO, "load " + load.loadId() + " of " + load.table() + " started (source " + load.source() + ", "
                + load.files() + " file(s)" + (load.dryRun() ? ", dry run" : "") + ")", fields);
    }

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoadFinished load) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "load_ended");
        fields.put(LogFormat.LOAD_ID, load.loadId());
        fields.put("table", load.table());
        fields.put("source", load.source());
        fields.put("status", load.status().wire());
        fields.put("rows_read", load.rowsRead());
        fields.put("inserted", load.inserted());
        fields.put("updated", load.updated());
        fields.put("unchanged", load.unchanged());
        fields.put("rejected", load.rejected());
        fields.put("skipped_blank", load.skippedBlank());
        fields.put("batches", load.batches());
        fields.put("duration_ms", load.durationMs());
        fields.put("error", load.error());
        log(Level.INFO, "load " + load.loadId() + " of " + load.table() + " (source " + load.source() + ") ended "
                + load.status().wire() + " after " + load.durationMs() + " ms: " + load.rowsRead() + " read, "
                + load.inserted() + " inserted, " + load.updated() + " updated, " + load.unchanged() + " unchanged, "
                + load.rejected() + " rejected" + (load.error() == null ? "" : "; " + load.error()), fields);
    }

    private static void log(Level level, String message, Map<String, Object> fields) {
        if (!LOADS.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(LOADS.getName());
        record.setParameters(new Object[]{fields});
        LOADS.log(record);
    }
}
