package io.hireload.auto;

import io.hireload.model.BucketLayout;
import io.hireload.model.TableName;
import io.hireload.support.S3Events;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3's message bodies as SQS carries them, and which table an announced key is. */
class S3EventTest {

    @Test
    void aCreatedObjectsKeyIsDecodedAsS3EncodesIt() {
        S3Event event = S3Event.parse(S3Events.created("hr", "employees/2021 Q1 (final)+más.csv", "abc", 42));
        assertThat(event.test()).isFalse();
        assertThat(event.records()).singleElement().satisfies(n -> {
            assertThat(n.created()).isTrue();
            assertThat(n.bucket()).isEqualTo("hr");
            assertThat(n.key()).isEqualTo("employees/2021 Q1 (final)+más.csv");
            assertThat(n.etag()).isEqualTo("abc");
            assertThat(n.size()).isEqualTo(42);
        });
    }

    @Test
    void theTestEventAndAnSnsEnvelopeAreUnderstoodAndOtherBodiesRefused() {
        assertThat(S3Event.parse(S3Events.testEvent("hr")).test()).isTrue();
        String inner = S3Events.created("hr", "jobs/jobs.csv", "e", 1).replace("\\", "\\\\").replace("\"", "\\\"");
        S3Event wrapped = S3Event.parse("{\"Type\":\"Notification\",\"Message\":\"" + inner + "\"}");
        assertThat(wrapped.records()).extracting(S3Event.Notice::key).containsExactly("jobs/jobs.csv");
        assertThat(S3Event.parse(S3Events.event("ObjectRemoved:Delete", "hr", "jobs/jobs.csv", "", 0)).records())
                .singleElement().satisfies(n -> assertThat(n.created()).isFalse());
        assertThatThrownBy(() -> S3Event.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Event.parse("{\"hello\":1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysMapToTablesByTheBucketLayoutUnderThePrefix() {
        BucketLayout layout = new BucketLayout("hr");
        assertThat(layout.tableOf("hr/employees/a.csv")).contains(TableName.EMPLOYEES);
        assertThat(layout.tableOf("hr/Employee/a.csv.gz")).contains(TableName.EMPLOYEES);
        assertThat(layout.tableOf("hr/hired_employees.csv")).contains(TableName.EMPLOYEES);
        assertThat(layout.tableOf("hr/departments.csv.gz")).contains(TableName.DEPARTMENTS);
        assertThat(layout.tableOf("hr/Job/2021/jobs.csv")).contains(TableName.JOBS);
        assertThat(layout.tableOf("employees/a.csv")).as("outside the prefix").isEmpty();
        assertThat(layout.tableOf("hr/employees/a.txt")).isEmpty();
        assertThat(layout.tableOf("hr/backups/departments.csv")).isEmpty();
        assertThat(layout.tableOf("hr/hired_employees.csv.bak.csv")).isEmpty();
    }
}
