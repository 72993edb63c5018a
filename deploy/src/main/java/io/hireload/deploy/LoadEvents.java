package io.hireload.deploy;

import java.util.List;
import java.util.stream.Stream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Loads that start themselves on AWS: the bucket announces every object created under a table's
 * prefix (and the seed's layouts) to an SQS queue, every server task long-polls it
 * ({@code HIRELOAD_QUEUE_URL}) and deletes a message once its load is queued. A message the
 * servers cannot act on {@value #MAX_RECEIVES} times moves to a dead-letter queue, whose depth
 * raises an alarm.
 */
final class LoadEvents extends Construct {
    /** Receives of one message before SQS moves it to the dead-letter queue. */
    static final int MAX_RECEIVES = 5;
    /** What the server calls on the queue (io.hireload.auto.EventQueue), and nothing else. */
    static final List<String> SERVER_ACTIONS = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage");

    private final Queue queue;
    private final Queue deadLetters;
    private final Alarm deadLetterAlarm;

    LoadEvents(Construct scope, String id, DataBucket bucket, BucketLayout layout) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // Two weeks (the most SQS keeps) for a person to read what could not be loaded.
                .retentionPeriod(Duration.days(14))
                .build();
        queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // Handling a message is a HEAD and one transaction; a minute covers a slow database.
                .visibilityTimeout(Duration.seconds(60))
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
                .build();

        var destination = new SqsDestination(queue);
        for (String prefix : announcedPrefixes(layout)) {
            bucket.bucket().addEventNotification(EventType.OBJECT_CREATED, destination,
                    NotificationKeyFilter.builder().prefix(prefix).build());
        }

        deadLetterAlarm = Alarm.Builder.create(this, "DeadLettersAlarm")
                .alarmDescription("S3 events the servers could not act on are in the dead-letter queue: read them "
                        + "(docs/DEPLOY.md, 'Loads that start themselves'), fix the cause, redrive or delete them")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /**
     * The key prefixes whose new objects are announced: each table folder, and each flat file
     * name (which also covers its {@code .gz}). S3 refuses overlapping prefixes; these never are.
     */
    static List<String> announcedPrefixes(BucketLayout layout) {
        return Stream.concat(BucketLayout.TABLE_FOLDERS.stream(), BucketLayout.FLAT_FILES.stream())
                .map(name -> layout.prefix() + name)
                .toList();
    }

    /** The service's server container polls the queue with the task role, allowed this queue only. */
    void connect(ApplicationLoadBalancedFargateService service) {
        var task = service.getTaskDefinition();
        ContainerDefinition server = task.findContainer("server");
        (server != null ? server : task.getDefaultContainer()).addEnvironment("HIRELOAD_QUEUE_URL", queue.getQueueUrl());
        task.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReceiveLoadEvents")
                .actions(SERVER_ACTIONS)
                .resources(List.of(queue.getQueueArn()))
                .build());
    }

    Queue queue() {
        return queue;
    }

    Queue deadLetters() {
        return deadLetters;
    }

    /** Its action is the stack's alarm topic, added by the stack. */
    Alarm deadLetterAlarm() {
        return deadLetterAlarm;
    }
}
