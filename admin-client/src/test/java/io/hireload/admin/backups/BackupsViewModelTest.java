package io.hireload.admin.backups;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Session;
import io.hireload.admin.testing.StubServer;
import io.hireload.admin.testing.StubServer.Answer;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiError;
import io.hireload.model.BackupInfo;
import io.hireload.model.BackupsAnswer;
import io.hireload.model.Page;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BackupsViewModelTest {
    private static final Instant WHEN = Instant.parse("2026-01-02T03:04:05Z");
    private static final BackupInfo EMPLOYEES = new BackupInfo(7, "employees", 1929, 52_000, "ab", "deflate", "dir",
            "/data/backups/employees/7.avro", WHEN);
    private static final BackupInfo JOBS = new BackupInfo(6, "jobs", 183, 3_000, "cd", "deflate", "dir",
            "/data/backups/jobs/6.avro", WHEN);

    private final StubServer server = new StubServer()
            .on("GET", "/backups", request -> Answer.json(Page.of(
                    "jobs".equals(request.query().get("table")) ? List.of(JOBS) : List.of(EMPLOYEES, JOBS), 1, 100, 2)))
            .on("POST", "/backups", new BackupsAnswer(List.of(JOBS, EMPLOYEES)))
            .on("POST", "/backups/jobs", JOBS)
            .on("POST", "/backups/employees/restore",
                    new RestoreReport(7, "employees", 1929, 3, 1, 1925, 2, 800, WHEN));
    private final Session session = new Session();
    private final BackupsViewModel model = new BackupsViewModel(session, Background.direct());

    @AfterEach
    void stop() {
        server.close();
    }

    private void connect() {
        session.connected(new HireloadClient(server.uri(), "key"));
    }

    @Test
    void listsBackupsOfAllTablesOrOne() {
        connect();
        assertThat(model.backups()).extracting(BackupInfo::id).containsExactly(7L, 6L);
        model.tableProperty().set(Optional.of(TableName.JOBS));
        assertThat(model.backups()).extracting(BackupInfo::id).containsExactly(6L);
    }

    @Test
    void backsUpAllTablesOrOne() {
        connect();
        model.backUp();
        assertThat(model.noticeProperty().get().text())
                .isEqualTo("Backed up jobs (183 rows, backup 6), employees (1,929 rows, backup 7).");
        model.tableProperty().set(Optional.of(TableName.JOBS));
        model.backUp();
        assertThat(server.requests()).anySatisfy(request -> assertThat(request.path()).isEqualTo("/backups/jobs"));
    }

    @Test
    void asksBeforeARestoreAndSaysWhatItDid() {
        assertThat(BackupsViewModel.confirmation(EMPLOYEES)).isEqualTo("Replace every row of employees with the 1,929 "
                + "rows of backup 7 taken 2026-01-02T03:04:05Z? Rows that are not in the backup are deleted.");
        connect();
        model.restore(EMPLOYEES);
        assertThat(model.noticeProperty().get().text()).isEqualTo(
                "Restored employees from backup 7: 1,929 rows (3 inserted, 1 updated, 1,925 unchanged, 2 deleted).");
        assertThat(model.restoresProperty().get()).isEqualTo(1);
    }

    @Test
    void aFailedRestoreSaysTheTableIsUntouched() {
        server.on("POST", "/backups/employees/restore", request -> Answer.json(409,
                new ApiError("a load is running", "employees are being loaded by load 4")));
        connect();
        model.restore(EMPLOYEES);
        assertThat(model.noticeProperty().get().kind()).isEqualTo(Notice.Kind.ERROR);
        assertThat(model.noticeProperty().get().text()).startsWith("The restore failed; the table is as it was.")
                .contains("employees are being loaded by load 4");
        assertThat(model.restoresProperty().get()).isZero();
        assertThat(model.busyProperty().get()).isFalse();
    }
}
