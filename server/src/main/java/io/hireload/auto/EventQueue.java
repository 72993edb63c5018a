package io.hireload.auto;

import io.hireload.background.Background;
import io.hireload.background.Daemon;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.model.BucketLayout;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.CsvObjects.CsvObject;
import io.hireload.s3.S3Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * S3 event notifications through SQS ({@code HIRELOAD_QUEUE_URL}; {@code SQS_ENDPOINT} for an
 * SQS-compatible service): every instance long-polls the queue, turns each announced object of a
 * table into a load that started itself ({@code source: "event"}) and deletes the message only
 * once that load is committed. Announcements that cannot be acted on (another bucket, a key of no
 * table, a removed or since-replaced object, an event other than ObjectCreated) are logged and
 * deleted. A message that fails (not an S3 event, the database away) is left: SQS delivers it
 * again after its visibility timeout, and its redrive policy moves it to the dead-letter queue
 * after maxReceiveCount receives.
 */
@ApplicationScoped
@InStage(Stage.AUTO_LOADS)
public class EventQueue implements Part {
    private static final Logger LOG = Logger.getLogger(EventQueue.class.getName());
    private static final long RETRY_MILLIS = 5_000;

    private final Optional<String> queueUrl;
    private final Optional<String> endpoint;
    private final int waitSeconds;
    private final S3Settings s3;
    private final CsvObjects objects;
    private final AutoLoads loads;
    private final Daemon daemon;
    private SqsClient sqs;

    @Inject
    public EventQueue(@ConfigProperties AutoSettings settings, S3Settings s3, CsvObjects objects, AutoLoads loads,
                      Background background) {
        this.queueUrl = settings.queueUrl().filter(u -> !u.isBlank());
        this.endpoint = settings.sqsEndpoint().filter(e -> !e.isBlank());
        this.waitSeconds = Math.max(0, Math.min(settings.queueWaitSeconds(), 20));
        this.s3 = s3;
        this.objects = objects;
        this.loads = loads;
        this.daemon = background.loop("hireload-event-queue", Stage.AUTO_LOADS);
    }

    /** Starts polling once the application (its schema and the load workers) is up. */
    @Override
    public void start() {
        if (queueUrl.isEmpty()) {
            return;
        }
        sqs = client();
        daemon.start(this::poll);
        LOG.info(() -> "loading the objects S3 announces on " + queueUrl.get());
    }

    private SqsClient client() {
        SqsClientBuilder builder = SqsClient.builder().region(Region.of(s3.region()));
        // On AWS the task role's credentials; an SQS-compatible service takes the S3 ones when set.
        if (endpoint.isPresent()) {
            builder.endpointOverride(URI.create(endpoint.get()));
            builder.credentialsProvider(s3.accessKeyId()
                    .<AwsCredentialsProvider>map(id -> StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(id, s3.secretAccessKey())))
                    .orElseGet(() -> DefaultCredentialsProvider.builder().build()));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    private void poll() {
        boolean failing = false;
        while (!daemon.stopped()) {
            try {
                List<Message> messages = sqs.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(queueUrl.get()).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds).build()).messages();
                if (failing) {
                    LOG.info("the event queue answers again");
                    failing = false;
                }
                for (Message message : messages) {
                    if (daemon.stopped()) {
                        return;
                    }
                    handle(message);
                }
            } catch (RuntimeException e) {
                if (daemon.stopped()) {
                    return;
                }
                if (!failing) {
                    LOG.warning("cannot receive from the event queue " + queueUrl.get() + " (trying again every "
                            + RETRY_MILLIS / 1000 + " s): " + e.getMessage());
                    failing = true;
                }
                daemon.pause(RETRY_MILLIS);
            }
        }
    }

    /** Acts on one message and deletes it; a failure leaves it for redelivery (and the DLQ). */
    private void handle(Message message) {
        try {
            act(S3Event.parse(message.body()), message.messageId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event message " + message.messageId() + " not handled (SQS delivers it again,"
                    + " then moves it to the dead-letter queue): " + e.getMessage(), e);
            return;
        }
        sqs.deleteMessage(d -> d.queueUrl(queueUrl.get()).receiptHandle(message.receiptHandle()));
    }

    private void act(S3Event event, String messageId) {
        if (event.test()) {
            LOG.info(() -> "event message " + messageId + ": S3's test event; the notification reaches this queue");
            return;
        }
        BucketLayout layout = objects.layout();
        Map<TableName, List<CsvObject>> byTable = new EnumMap<>(TableName.class);
        for (S3Event.Notice notice : event.records()) {
            Optional<String> dropped = reasonToDrop(notice, layout);
            if (dropped.isPresent()) {
                LOG.info(() -> "event message " + messageId + ": dropped " + notice.bucket() + "/" + notice.key()
                        + ": " + dropped.get());
                continue;
            }
            TableName table = layout.tableOf(notice.key()).orElseThrow();
            Optional<CsvObject> current = objects.head(notice.key());
            if (current.isEmpty()) {
                LOG.info(() -> "event message " + messageId + ": dropped " + notice.key() + ": no such object any more");
                continue;
            }
            if (!notice.etag().isEmpty() && !notice.etag().equals(current.get().etag())) {
                LOG.info(() -> "event message " + messageId + ": dropped " + notice.key() + " (ETag " + notice.etag()
                        + "): replaced since by " + current.get().etag() + ", whose own event follows");
                continue;
            }
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(current.get());
        }
        // Parents first within one message too (EnumMap iterates departments, jobs, employees).
        byTable.forEach((table, found) -> loads.queue(table, found, "event").ifPresentOrElse(
                id -> LOG.info(() -> "event message " + messageId + ": load " + id + " of " + table.path() + " queued"),
                () -> LOG.info(() -> "event message " + messageId + ": " + table.path() + " objects already loaded or queued")));
    }

    private Optional<String> reasonToDrop(S3Event.Notice notice, BucketLayout layout) {
        if (!notice.created()) {
            return Optional.of("not an ObjectCreated event (" + notice.eventName() + ")");
        }
        if (!notice.bucket().equals(s3.bucket())) {
            return Optional.of("not this server's bucket " + s3.bucket());
        }
        if (layout.tableOf(notice.key()).isEmpty()) {
            return Optional.of("not a table's CSV file (docs/API.md, S3 layout)");
        }
        return Optional.empty();
    }

    /** Closes the SQS client too (Background ends the polling thread). */
    @Override
    public void stop() {
        daemon.stop();
        if (sqs != null) {
            sqs.close();
        }
    }
}
