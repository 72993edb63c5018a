package io.hireload.load.indexes;

import io.hireload.support.FaultAfter;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.hireload.client.HireloadClient;
import io.hireload.model.IndexMode;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.S3Settings;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.EmployeeIndexes;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerSetting;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load that defers its indexes and then fails or is cancelled gets them back too, and reports
 * its end only once they are back (SPEC 6); an index a crash left invalid is dropped and built
 * again by the sweep of any instance.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@AddBean(EndedLoadsRebuildTest.FaultyReads.class)
@ServerSetting(name = "hireload.lease.beat-seconds", value = "1")
@ServerSetting(name = "hireload.lease.expiry-seconds", value = "4")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndedLoadsRebuildTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static Map<String, String> migrated;

    private final HireloadClient client;

    @Inject
    EndedLoadsRebuildTest(WebTarget target) {
        this.client = new Api(target).client();
    }

    @AfterAll
    static void releaseTheStalledReads() {
        FaultyReads.POISON_THROW.countDown();
        FaultyReads.RELEASE.countDown();
    }

    @Test
    @Order(1)
    void aLoadThatFailsEndsFailedOnlyOnceItsIndexesAreBack() throws Exception {
        migrated = EmployeeIndexes.now();
        assertThat(migrated).containsKeys("employee_hire_date_idx", "employee_name_trgm_idx");
        client.load(TableName.DEPARTMENTS, null, false);
        client.load(TableName.JOBS, null, false);
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/poison.csv",
                GeneratedEmployees.csv(300_001, 310_000));
        try {
            long id = client.startLoad(TableName.EMPLOYEES, 100, false, true, IndexMode.DEFERRED).loadId();
            assertThat(FaultyReads.POISON_READ.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            LoadReport done = whileTheRebuildWaits(id, FaultyReads.POISON_THROW, "employees/poison.csv", "failed",
                    running -> assertThat(running.error()).as("the reason, while the indexes come back")
                            .contains("employees/poison.csv").contains("OutOfMemoryError"));
            // Read the moment the report says it ended: the indexes must be back already.
            assertThat(EmployeeIndexes.now()).as("every index back when the load reports its end").isEqualTo(migrated);
            assertThat(EmployeeIndexes.setAside()).isZero();
            assertThat(done.status()).as(done.toString()).isEqualTo(LoadStatus.FAILED);
            assertThat(done.error()).contains("employees/poison.csv").contains("OutOfMemoryError");
            assertThat(done.indexes()).isEqualTo(IndexMode.DEFERRED);
            assertThat(done.indexRebuildMs()).isNotNull();
        } finally {
            EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/poison.csv");
        }
    }

    /**
     * Holds the rebuild back (a lock on the table that CREATE INDEX waits for), lets the stalled
     * object end as {@code itemEnd}, and checks the load still runs once every object is closed;
     * then lets the rebuild go and answers the load's end.
     */
    private LoadReport whileTheRebuildWaits(long id, CountDownLatch release, String key, String itemEnd,
                                            Consumer<LoadReport> whileRunning) throws Exception {
        Await.until("the indexes set aside", LIMIT, () -> EmployeeIndexes.setAside() > 0);
        try (Connection holder = EmbeddedServices.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("lock table employee in row exclusive mode");
            }
            release.countDown();
            Await.until(key + " " + itemEnd + " and no object of the load open", LIMIT, () -> openItems(id) == 0
                    && itemEnd.equals(itemStatus(id, key)));
            LoadReport running = client.loadById(id);
            assertThat(running.status()).as("no end reported before the indexes are back")
                    .isEqualTo(LoadStatus.RUNNING);
            whileRunning.accept(running);
            assertThat(EmployeeIndexes.setAside()).isPositive();
            holder.rollback();
        }
        return Await.loadFinished(client, id, LIMIT);
    }

    private static long openItems(long loadId) throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from load_item where load_id = ? and status in ('queued', 'running')")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String itemStatus(long loadId, String key) throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select status from load_item where load_id = ? and file = ?")) {
            s.setLong(1, loadId);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    @Order(2)
    void aCancelledLoadEndsCancelledOnlyOnceItsIndexesAreBack() throws Exception {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/slow.csv",
                GeneratedEmployees.csv(400_001, 420_000));
        try {
            long id = client.startLoad(TableName.EMPLOYEES, 100, false, true, IndexMode.DEFERRED).loadId();
            assertThat(FaultyReads.STALLED.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the slow read reached").isTrue();
            client.cancelLoad(id);
            LoadReport done = whileTheRebuildWaits(id, FaultyReads.RELEASE, "employees/slow.csv", "cancelled",
                    running -> { });
            assertThat(EmployeeIndexes.now()).as("every index back when the load reports its end").isEqualTo(migrated);
            assertThat(EmployeeIndexes.setAside()).isZero();
            assertThat(done.status()).as(done.toString()).isEqualTo(LoadStatus.CANCELLED);
            assertThat(done.indexes()).isEqualTo(IndexMode.DEFERRED);
            assertThat(done.indexRebuildMs()).isNotNull();
        } finally {
            EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/slow.csv");
        }
    }

    /**
     * A plain CREATE INDEX that dies leaves nothing behind, but one made CONCURRENTLY (by an
     * operator, or a REINDEX) leaves an invalid index: recorded as set aside, it is dropped and
     * built again, not taken as already there.
     */
    @Test
    @Order(3)
    void anIndexLeftInvalidIsDroppedAndBuiltAgain() throws SQLException {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    insert into set_aside_index (index_name, table_name, definition)
                    select 'employee_job_idx', 'employee', pg_get_indexdef('employee_job_idx'::regclass)""");
            s.execute("update pg_index set indisvalid = false where indexrelid = 'employee_job_idx'::regclass");
        }
        assertThat(EmployeeIndexes.now().get("employee_job_idx")).endsWith(" INVALID");
        Await.until("the sweep to build the index again", LIMIT, () -> EmployeeIndexes.setAside() == 0);
        assertThat(EmployeeIndexes.now()).isEqualTo(migrated);
    }

    /**
     * The bucket as the workers read it: {@code poison} objects end in an OutOfMemoryError after
     * 100 KB once the test releases them (a failure that fails the load); a {@code slow} object's
     * read stops after 20 KB until the test releases it.
     */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class FaultyReads extends CsvObjects {
        static final CountDownLatch POISON_READ = new CountDownLatch(1);
        static final CountDownLatch POISON_THROW = new CountDownLatch(1);
        static final CountDownLatch STALLED = new CountDownLatch(1);
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Inject
        public FaultyReads(S3Client s3, S3Settings settings) {
            super(s3, settings);
        }

        @Override
        public InputStream open(CsvObject object) {
            InputStream real = super.open(object);
            if (object.key().contains("poison")) {
                return new FaultAfter(real, 100_000, () -> {
                    POISON_READ.countDown();
                    await(POISON_THROW);
                    throw new OutOfMemoryError("Java heap space");
                });
            }
            if (object.key().contains("slow")) {
                return new FaultAfter(real, 20_000, () -> {
                    STALLED.countDown();
                    await(RELEASE);
                });
            }
            return real;
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
