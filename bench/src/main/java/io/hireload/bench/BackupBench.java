package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.support.Api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The backup phase on the large table: {@code POST /backups/employees} against {@code pg_dump} of
 * the same table's data, and {@code POST /backups/employees/restore} into the emptied table against
 * {@code pg_restore} of that dump into the same emptied table, on the same PostgreSQL in the same
 * run. Both restores start from {@code TRUNCATE} (not timed), write every row into the live table
 * with its keys, indexes and triggers, and commit once. The checks: the backup holds every row, and
 * after each restore the table's count and checksum equal the ones taken before the backup.
 */
final class BackupBench {
    private static final String TABLE = "public.employee";

    private final Api api;
    private final Reference reference;
    private final Results results;
    private final PgDump.Choice pgDump;
    private final Path work;
    private final Path toolLog;

    BackupBench(Api api, Reference reference, Results results, PgDump.Choice pgDump, Path work, Path toolLog) {
        this.api = api;
        this.reference = reference;
        this.results = results;
        this.pgDump = pgDump;
        this.work = work;
        this.toolLog = toolLog;
    }

    /** What pg_dump and pg_restore took, and the dump's size. */
    private record PgTimes(double dumpSeconds, long dumpBytes, double restoreSeconds) {
    }

    void run() throws Exception {
        Reference.Checksum before = reference.employeeChecksum();
        Map<String, Object> measured = new LinkedHashMap<>();
        results.measurements.put("backup", measured);
        measured.put("rows", before.rows());

        Bench.step("backup: POST /backups/employees (" + before.rows() + " rows)");
        reference.checkpoint();
        long start = System.nanoTime();
        JsonNode backup = api.ok("POST", "/backups/employees", null, null);
        double backupSeconds = (System.nanoTime() - start) / 1e9;
        measured.put("backup_seconds", backupSeconds);
        measured.put("backup", backup);
        results.check("the backup holds every row", backup.path("rows").asLong(-1) == before.rows(),
                backup.path("rows").asLong(-1) + " rows in " + backup.path("bytes").asLong(-1) + " bytes, "
                        + backup.path("location").asText());
        Bench.step(String.format(Locale.ROOT, "backed up in %.2f s", backupSeconds));

        Optional<PgTimes> pg = pgDump.tools().isPresent()
                ? Optional.of(pgDumpAndRestore(before, measured)) : Optional.empty();
        if (pg.isEmpty()) {
            Bench.step("pg_dump reference skipped: " + pgDump.why());
            measured.put("pg_dump_skipped", pgDump.why());
        }

        Bench.step("restore: POST /backups/employees/restore into the emptied table");
        reference.execute("truncate " + TABLE);
        reference.checkpoint();
        start = System.nanoTime();
        JsonNode report = api.ok("POST", "/backups/employees/restore", "application/json",
                "{\"backup\": " + backup.path("id").asLong() + "}");
        double restoreSeconds = (System.nanoTime() - start) / 1e9;
        measured.put("restore_seconds", restoreSeconds);
        measured.put("restore_report", report);
        Bench.step(String.format(Locale.ROOT, "restored in %.2f s", restoreSeconds));
        results.check("restore report: every row inserted, none deleted",
                report.path("inserted").asLong(-1) == before.rows() && report.path("deleted").asLong(-1) == 0,
                "inserted " + report.path("inserted").asLong(-1) + ", deleted " + report.path("deleted").asLong(-1));
        sameTable("the restored table is the backed-up one", before);

        figures(before.rows(), backupSeconds, backup.path("bytes").asLong(-1), restoreSeconds,
                report.path("duration_ms").asLong(-1), pg);
    }

    /** The reference: pg_dump of the table's data, then pg_restore of it into the emptied table. */
    private PgTimes pgDumpAndRestore(Reference.Checksum before, Map<String, Object> measured) throws Exception {
        PgDump.Tools found = pgDump.tools().orElseThrow();
        PgDump tools = new PgDump(found, reference, toolLog);
        measured.put("pg_dump", found.dir() + "/pg_dump " + found.version());
        Path dump = Files.createDirectories(work.resolve("pg_dump")).resolve("employee.dump");
        Bench.step("reference: pg_dump " + found.version() + " of " + TABLE + "'s data (custom format, zlib 6)");
        reference.checkpoint();
        double dumpSeconds = tools.dumpData(TABLE, dump);
        long dumpBytes = Files.size(dump);
        measured.put("pg_dump_seconds", dumpSeconds);
        measured.put("pg_dump_bytes", dumpBytes);

        Bench.step(String.format(Locale.ROOT, "dumped in %.2f s; reference: pg_restore into the emptied table",
                dumpSeconds));
        reference.execute("truncate " + TABLE);
        reference.checkpoint();
        double restoreSeconds = tools.restoreData(dump);
        measured.put("pg_restore_seconds", restoreSeconds);
        Bench.step(String.format(Locale.ROOT, "pg_restore took %.2f s", restoreSeconds));
        sameTable("pg_restore gives the table back", before);
        return new PgTimes(dumpSeconds, dumpBytes, restoreSeconds);
    }

    private void figures(long rows, double backupSeconds, long backupBytes, double restoreSeconds, long restoreMs,
                         Optional<PgTimes> pg) {
        String backupNote = String.format(Locale.ROOT, "%,d rows; Avro (deflate 6) file %.1f MB%s; %,.0f rows/s", rows,
                backupBytes / 1e6, pg.map(p -> String.format(Locale.ROOT, ", dump %.1f MB", p.dumpBytes() / 1e6))
                        .orElse(""), rows / backupSeconds);
        String restoreNote = String.format(Locale.ROOT, "%,d rows; the server checks SHA-256 and every row's data rules, "
                + "stages the rows, checks the foreign keys and upserts, in one transaction; server-reported %d ms",
                rows, restoreMs);
        String backupName = "backup employees, POST /backups (Avro)";
        String restoreName = "restore employees into the emptied table";
        if (pg.isEmpty()) {
            String skipped = "pg_dump: skipped (why: below)";
            results.unreferenced(backupName, backupSeconds, "s", skipped, backupNote + "; " + pgDump.why());
            results.unreferenced(restoreName, restoreSeconds, "s", skipped, restoreNote);
            return;
        }
        results.figure(backupName, backupSeconds, "s", "pg_dump -Fc -Z6 --data-only -t employee",
                pg.get().dumpSeconds(), "s", Target.BACKUP_VS_PG_DUMP, backupNote);
        results.info(restoreName, restoreSeconds, "s", "pg_restore --data-only --single-transaction",
                pg.get().restoreSeconds(), "s", restoreNote);
    }

    private void sameTable(String name, Reference.Checksum before) throws Exception {
        Reference.Checksum now = reference.employeeChecksum();
        results.check(name + " (count and checksum)", now.equals(before),
                "before the backup " + before.rows() + " rows, sum " + before.sum() + "; now " + now.rows()
                        + " rows, sum " + now.sum());
    }
}
