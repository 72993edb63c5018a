package io.hireload.backup;

import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.BackupInfo;
import io.hireload.model.BackupsAnswer;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.LoadReport;
import io.hireload.model.Page;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import io.hireload.model.TopDepartment;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerSetting;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups to a directory and restores from them, through real HTTP against real PostgreSQL: every
 * column back exactly, files readable by Avro's own reader, damaged files and foreign-key-breaking
 * restores refused with nothing changed, and a restore racing with writers stays atomic.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@ServerSetting(name = "HIRELOAD_BACKUP_DIR", value = "target/backup-tests/dir")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest {
    private static final List<String> TABLES = List.of("department", "job", "employee");
    private static Map<String, BackupInfo> first;
    private static Map<String, List<List<Object>>> before;

    private final Api api;
    private final HireloadClient client;

    @Inject
    BackupRestoreTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    @Order(1)
    void backingUpAllTablesWritesOneVerifiableFilePerTable() throws Exception {
        client.loadAll(null, false);
        // Timestamps with every microsecond digit, text beyond ASCII, CSV's own characters (a restore
        // stages rows with COPY): what a round trip must keep.
        Tables.execute("insert into employee values (5001, 'Zoë Ünïcødé 😀', '2021-03-04T05:06:07.123456Z', 1, 1)",
                "insert into employee values (5002, 'Last \"Micro\", O''Neil \\ N', '1999-12-31T23:59:59.999999Z', 12, 183)");
        before = TABLES.stream().collect(Collectors.toMap(t -> t, Tables::rows));

        BackupsAnswer answer = client.backupAll();

        assertThat(answer.backups()).extracting(BackupInfo::table).containsExactly("departments", "jobs", "employees");
        first = answer.backups().stream().collect(Collectors.toMap(b -> sqlTable(b.table()), b -> b));
        assertThat(first.get("department").rows()).isEqualTo(12);
        assertThat(first.get("job").rows()).isEqualTo(183);
        assertThat(first.get("employee").rows()).isEqualTo(1931);
        Path dir = Path.of("target/backup-tests/dir").toAbsolutePath().normalize();
        for (BackupInfo b : answer.backups()) {
            Path file = Path.of(b.location());
            assertThat(file).isRegularFile().startsWith(dir.resolve(b.table()));
            assertThat(file.getFileName().toString()).startsWith(b.table() + "-").endsWith(".avro");
            assertThat(b.target()).isEqualTo("dir");
            assertThat(b.codec()).isEqualTo("deflate");
            assertThat(b.bytes()).isEqualTo(Files.size(file));
            assertThat(b.sha256()).isEqualTo(sha256(Files.readAllBytes(file)));
            assertThat(b.createdAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        }
        assertThat(Files.list(dir.resolve("employees")).map(Path::getFileName).map(Path::toString))
                .noneMatch(name -> name.startsWith(".partial-"));
    }

    @Test
    @Order(2)
    void theFilesReadBackWithAvrosOwnGenericReader() throws Exception {
        for (String table : TABLES) {
            try (DataFileReader<GenericRecord> reader = new DataFileReader<>(
                    Path.of(first.get(table).location()).toFile(), new GenericDatumReader<>())) {
                assertThat(reader.getMetaString("avro.codec")).isEqualTo("deflate");
                Schema schema = reader.getSchema();
                List<List<Object>> rows = new ArrayList<>();
                for (GenericRecord r : reader) {
                    List<Object> row = new ArrayList<>();
                    row.add(r.get("id"));
                    if (table.equals("employee")) {
                        row.add(r.get("name").toString());
                        row.add(Instant.EPOCH.plus((Long) r.get("datetime"), ChronoUnit.MICROS));
                        row.add(r.get("department_id"));
                        row.add(r.get("job_id"));
                    } else {
                        row.add(r.get(table).toString());
                    }
                    rows.add(row);
                }
                assertThat(rows).as(table).containsExactlyElementsOf(before.get(table));
                if (table.equals("employee")) {
                    assertThat(schema.getFields()).extracting(Schema.Field::name)
                            .containsExactly("id", "name", "datetime", "department_id", "job_id");
                    assertThat(schema.getField("datetime").schema().getLogicalType())
                            .isEqualTo(LogicalTypes.timestampMicros());
                }
            }
        }
    }

    @Test
    @Order(3)
    void restoringEveryTableAfterDamageGivesBackEveryColumnAndTheSameMetrics() {
        List<HiredByQuarter> quarters = client.allHiredByQuarter2021();
        Page<TopDepartment> top = client.topHiringDepartments(1, 50);
        Tables.execute(
                "update department set department = 'Damaged' where id = 1",
                "insert into job values (999, 'Temporary')",
                "update job set job = 'Damaged' where id in (1, 2)",
                // 1000 rows rewritten (names, times, departments), 100 deleted, 1 added
                "update employee set name = 'Damaged', hire_date = hire_date + interval '1 microsecond', "
                        + "department_id = 1 where id in (select id from employee where id > 200 order by id limit 1000)",
                "delete from employee where id in (select id from employee where id <= 200 order by id limit 100)",
                "insert into employee values (9999, 'Intruder', now(), 1, 999)");
        assertThat(client.allHiredByQuarter2021()).isNotEqualTo(quarters);

        RestoreReport employees = client.restore(TableName.EMPLOYEES, null);
        RestoreReport jobs = client.restore(TableName.JOBS, null);
        RestoreReport departments = client.restore(TableName.DEPARTMENTS, first.get("department").id());

        assertThat(employees.backupId()).isEqualTo(first.get("employee").id());
        assertThat(employees.rows()).isEqualTo(1931);
        assertThat(employees.inserted()).isEqualTo(100);
        assertThat(employees.updated()).isEqualTo(1000);
        assertThat(employees.deleted()).isEqualTo(1);
        assertThat(employees.unchanged()).isEqualTo(1931 - 1100);
        assertThat(jobs.updated()).isEqualTo(2);
        assertThat(jobs.deleted()).isEqualTo(1);
        assertThat(departments.updated()).isEqualTo(1);
        assertThat(departments.unchanged()).isEqualTo(11);
        for (String table : TABLES) {
            assertThat(Tables.rows(table)).as(table).containsExactlyElementsOf(before.get(table));
        }
        assertThat(client.allHiredByQuarter2021()).containsExactlyElementsOf(quarters);
        assertThat(client.topHiringDepartments(1, 50)).isEqualTo(top);

        // Into the emptied table, as after a loss (rows inserted as they are): every row back, the metrics too.
        Tables.execute("truncate employee");
        RestoreReport emptied = client.restore(TableName.EMPLOYEES, null);
        assertThat(emptied.inserted()).isEqualTo(1931);
        assertThat(emptied.updated() + emptied.deleted() + emptied.unchanged()).isZero();
        assertThat(Tables.rows("employee")).containsExactlyElementsOf(before.get("employee"));
        assertThat(client.allHiredByQuarter2021()).containsExactlyElementsOf(quarters);
        assertThat(client.topHiringDepartments(1, 50)).isEqualTo(top);
    }

    @Test
    @Order(4)
    void aCorruptedOrTruncatedFileIsRefusedAndNothingChanges() throws Exception {
        BackupInfo jobs = client.backup(TableName.JOBS);
        Path file = Path.of(jobs.location());
        byte[] good = Files.readAllBytes(file);
        Tables.execute("update job set job = 'Renamed after the backup' where id = 1");
        List<List<Object>> renamed = Tables.rows("job");

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x01;
        Files.write(file, flipped);
        assertRefused(TableName.JOBS, jobs.id(), 422, "SHA-256");
        assertThat(Tables.rows("job")).isEqualTo(renamed);

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
        assertRefused(TableName.JOBS, jobs.id(), 422, "truncated");
        assertThat(Tables.rows("job")).isEqualTo(renamed);

        Files.delete(file);
        assertRefused(TableName.JOBS, jobs.id(), 410, "missing");
        assertThat(Tables.rows("job")).isEqualTo(renamed);

        Files.write(file, good);
        assertThat(client.restore(TableName.JOBS, jobs.id()).updated()).isEqualTo(1);
        assertThat(Tables.rows("job")).isEqualTo(before.get("job"));
    }

    @Test
    @Order(5)
    void aBackupOfAnotherTableAnUnknownIdOrABadBodyIsAClear4xx() {
        Tables.execute("update job set job = 'Changed' where id = 2");
        List<List<Object>> jobs = Tables.rows("job");

        assertRefused(TableName.JOBS, first.get("department").id(), 409, "is a backup of departments, not of jobs");
        assertRefused(TableName.JOBS, 987654L, 404, "no backup 987654");
        HttpResponse<String> bad = api.post("/backups/jobs/restore", "application/json", "{\"backup\": \"x\"");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\"").contains("backup");
        HttpResponse<String> noTable = api.post("/backups/nope/restore", "application/json", "");
        assertThat(noTable.statusCode()).isEqualTo(404);
        assertThat(noTable.body()).contains("departments, jobs, employees");
        assertThat(Tables.rows("job")).isEqualTo(jobs);

        // An empty body means the newest backup of the table.
        HttpResponse<String> newest = api.post("/backups/jobs/restore", "application/json", "");
        assertThat(newest.statusCode()).as(newest.body()).isEqualTo(200);
        assertThat(Tables.rows("job")).isEqualTo(before.get("job"));
    }

    @Test
    @Order(6)
    void restoresThatWouldBreakForeignKeysAreRefusedWith409NamingTheIds() {
        BackupInfo departments = client.backup(TableName.DEPARTMENTS);
        Tables.execute("insert into department values (77, 'Added later')",
                "insert into department values (78, 'Added later too')",
                "insert into employee values (7777, 'Uses 77', now(), 77, 1)",
                "insert into employee values (7778, 'Uses 78', now(), 78, 1)");
        List<List<Object>> departmentRows = Tables.rows("department");
        List<List<Object>> employeeRows = Tables.rows("employee");

        assertRefused(TableName.DEPARTMENTS, departments.id(), 409, "department_id 77, 78");
        assertThat(Tables.rows("department")).isEqualTo(departmentRows);

        BackupInfo employees = client.backup(TableName.EMPLOYEES);
        Tables.execute("delete from employee where id in (7777, 7778)", "delete from department where id in (77, 78)");
        List<List<Object>> afterDelete = Tables.rows("employee");
        assertRefused(TableName.EMPLOYEES, employees.id(), 409, "department_id 77, 78 not in departments");
        assertThat(Tables.rows("employee")).isEqualTo(afterDelete).hasSize(employeeRows.size() - 2);
    }

    @Test
    @Order(7)
    void backupsAreListedNewestFirstAndFilteredByTable() {
        Page<BackupInfo> jobs = client.backups(TableName.JOBS, 1, 50);
        assertThat(jobs.items()).isNotEmpty().allSatisfy(b -> assertThat(b.table()).isEqualTo("jobs"));
        assertThat(jobs.items()).extracting(BackupInfo::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(jobs.total()).isEqualTo(jobs.items().size()).isEqualTo(2);
        Page<BackupInfo> all = client.backups(null, 1, 2);
        assertThat(all.total()).isEqualTo(6);
        assertThat(all.pages()).isEqualTo(3);
        assertThat(all.items()).hasSize(2);
        assertThat(client.backupById(first.get("job").id())).isEqualTo(first.get("job"));
        assertThat(api.get("/backups?table=nope").statusCode()).as("an unknown table is a bad parameter").isEqualTo(400);
        assertThat(api.get("/backups?size=0").statusCode()).isEqualTo(400);
        HttpResponse<String> raw = api.get("/backups?table=employees");
        assertThat(raw.body()).contains("\"items\"", "\"total\"", "\"pages\"", "\"created_at\"", "\"sha256\"");
    }

    @Test
    @Order(8)
    void aRestoreWhileRowsAreWrittenIsAtomicForReadersAndWriters() throws Exception {
        BackupInfo backup = client.backup(TableName.EMPLOYEES);
        List<List<Object>> backedUp = Tables.rows("employee");
        Tables.execute("update employee set name = 'DAMAGED'");

        AtomicBoolean stop = new AtomicBoolean();
        List<Integer> committed = new CopyOnWriteArrayList<>();
        List<String> mixes = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        // The writer posts one row per request through the 1..1000-row API, as an integrator would.
        Thread writer = new Thread(() -> {
            try {
                for (int id = 200_000; !stop.get(); id++) {
                    LoadReport posted = client.insert(TableName.EMPLOYEES, List.of(Map.of("id", id, "name", "Writer",
                            "datetime", "2021-06-01T00:00:00Z", "department_id", 1, "job_id", 1)));
                    if (posted.inserted() != 1) {
                        mixes.add("row " + id + " not inserted: " + posted);
                    }
                    committed.add(id);
                }
            } catch (RuntimeException e) {
                mixes.add("writer failed: " + e);
            }
        });
        Thread reader = new Thread(() -> {
            try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = s.executeQuery("select count(*) filter (where name = 'DAMAGED'), "
                            + "count(*) filter (where id < 200000 and name <> 'DAMAGED') from employee")) {
                        rs.next();
                        long damaged = rs.getLong(1);
                        long restored = rs.getLong(2);
                        seen.add(damaged > 0 ? "old" : "new");
                        if (damaged > 0 && restored > 0 || damaged + restored != backedUp.size()) {
                            mixes.add(damaged + " damaged with " + restored + " restored");
                        }
                    }
                }
            } catch (SQLException e) {
                mixes.add("reader failed: " + e);
            }
        });
        writer.start();
        reader.start();
        Await.until("rows posted and the damaged table read before the restore", Duration.ofSeconds(60),
                () -> committed.size() >= 3 && seen.contains("old") || !mixes.isEmpty());
        RestoreReport report = client.restore(TableName.EMPLOYEES, backup.id());
        int postedBefore = committed.size();
        Await.until("rows posted and the restored table read after the restore", Duration.ofSeconds(60),
                () -> committed.size() >= postedBefore + 3 && seen.contains("new") || !mixes.isEmpty());
        stop.set(true);
        writer.join();
        reader.join();

        assertThat(mixes).isEmpty();
        assertThat(seen).contains("old", "new");
        assertThat(seen.subList(seen.indexOf("new"), seen.size())).containsOnly("new");
        // Rows written before the restore took its locks are gone, the rest all stayed: a suffix.
        List<List<Object>> now = Tables.rows("employee");
        List<Integer> written = now.stream().map(r -> (Integer) r.get(0)).filter(id -> id >= 200_000).toList();
        assertThat(written).isNotEmpty();
        int firstKept = committed.indexOf(written.get(0));
        assertThat(firstKept).isPositive();
        assertThat(written).isEqualTo(committed.subList(firstKept, committed.size()));
        assertThat(report.deleted()).isEqualTo(firstKept);
        assertThat(now.stream().filter(r -> (Integer) r.get(0) < 200_000).toList()).isEqualTo(backedUp);
    }

    private void assertRefused(TableName table, Long backupId, int status, String detail) {
        assertThatThrownBy(() -> client.restore(table, backupId))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
                    assertThat(e.getMessage()).contains(detail).contains("nothing was changed");
                });
    }

    private static String sqlTable(String apiTable) {
        return Map.of("departments", "department", "jobs", "job", "employees", "employee").get(apiTable);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
