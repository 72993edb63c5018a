package io.hireload.faults;

import io.hireload.support.DriverText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan of answers and load errors after the fault tests ({@link DatabaseFaultsTest},
 * ContendedWritesTest) can fail: it catches the driver text the chaos campaign found in them,
 * and passes the service's own words for the same events.
 */
class DriverTextTest {
    @Test
    void catchesWhatLeakedBeforeAndPassesTheServicesOwnWords() {
        List<String> leaked = List.of(
                "error executing work [ERROR: duplicate key value violates unique constraint \"employee_pkey\" "
                        + "Detail: Key (id)=(45656) already exists. Where: COPY employee, line 102] [n/a]",
                "ERROR: deadlock detected\n  Detail: Process 4242 waits for ShareLock on transaction 1234; "
                        + "blocked by process 4243.",
                "org.postgresql.util.PSQLException: An I/O error occurred while sending to the backend.",
                "could not write: SQLState 40P01",
                "canceling statement due to lock timeout  Where: while inserting index tuple (22,76) in relation \"load_key\"");
        assertThat(leaked).allSatisfy(text -> assertThat(text).containsPattern(DriverText.PATTERN));

        List<String> ours = List.of(
                "a concurrent write to the same ids kept failing; retried 8 times; nothing of it was kept; try again shortly",
                "the database cannot be reached; nothing half-written was kept; try again when /health/ready answers 200",
                "load 42 of employees failed on employees/part-1.csv on the server's side; the batches before it are kept; "
                        + "the server's log has details; call the load again to continue it",
                "cannot write rows now: other work holds the table; try again shortly");
        assertThat(ours).allSatisfy(text -> assertThat(text).doesNotContainPattern(DriverText.PATTERN));
    }
}
