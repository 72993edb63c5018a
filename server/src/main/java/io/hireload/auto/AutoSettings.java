package io.hireload.auto;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Loads that start themselves: from the bucket's event queue ({@link EventQueue}) or a watch of its
 * folders ({@link BucketWatch}).
 */
@Dependent
@ConfigProperties(prefix = "")
public class AutoSettings {
    /** An SQS queue of the bucket's ObjectCreated notifications; unset: no queue. */
    @ConfigProperty(name = "hireload.queue.url")
    private Optional<String> queueUrl;
    /** An SQS-compatible service instead of AWS. */
    @ConfigProperty(name = "sqs.endpoint")
    private Optional<String> sqsEndpoint;
    /** One long poll's wait, 0 to 20 s (SQS's bounds). */
    @ConfigProperty(name = "hireload.queue.wait-seconds", defaultValue = "20")
    private int queueWaitSeconds;
    /** Seconds between listings of the table folders; 0: no watch. */
    @ConfigProperty(name = "hireload.watch-seconds", defaultValue = "0")
    private int watchSeconds;
    @ConfigProperty(name = "hireload.auto.employees-wait-seconds", defaultValue = "10")
    private int employeesWaitSeconds;

    Optional<String> queueUrl() {
        return queueUrl;
    }

    Optional<String> sqsEndpoint() {
        return sqsEndpoint;
    }

    int queueWaitSeconds() {
        return queueWaitSeconds;
    }

    int watchSeconds() {
        return watchSeconds;
    }

    int employeesWaitSeconds() {
        return employeesWaitSeconds;
    }
}
