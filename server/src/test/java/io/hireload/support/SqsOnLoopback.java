package io.hireload.support;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SQS-compatible server (ElasticMQ) in this JVM on loopback, with one queue whose redrive
 * policy moves a message to a dead-letter queue after {@code maxReceiveCount} receives, as the
 * deployment's queue does. Short visibility timeout, so a failed message comes back in a second.
 */
public final class SqsOnLoopback implements AutoCloseable {
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterUrl;

    private SqsOnLoopback(SQSRestServer server, URI endpoint, SqsClient sqs, String queueUrl, String deadLetterUrl) {
        this.server = server;
        this.endpoint = endpoint;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    public static SqsOnLoopback start(int maxReceiveCount) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        String name = "hireload-events-" + QUEUES.incrementAndGet();
        String deadLetterUrl = sqs.createQueue(q -> q.queueName(name + "-dlq")).queueUrl();
        String deadLetterArn = sqs.getQueueAttributes(a -> a.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(q -> q.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + maxReceiveCount
                        + "\",\"deadLetterTargetArn\":\"" + deadLetterArn + "\"}"))).queueUrl();
        return new SqsOnLoopback(server, endpoint, sqs, queueUrl, deadLetterUrl);
    }

    /** The server settings that point a hireload server at this queue. */
    public Map<String, String> serverSettings() {
        return Map.of("HIRELOAD_QUEUE_URL", queueUrl, "SQS_ENDPOINT", endpoint.toString(),
                "hireload.queue.wait-seconds", "1");
    }

    /** Sends these bodies as one batch (SQS gives no order; a batch is how duplicates meet). */
    public void send(String... bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]).build());
        }
        var answer = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (!answer.failed().isEmpty()) {
            throw new IllegalStateException("not sent: " + answer.failed());
        }
    }

    /** No message waits or is in flight: every one was deleted or moved to the dead-letter queue. */
    public boolean drained() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return counts.values().stream().allMatch("0"::equals);
    }

    /** The bodies now in the dead-letter queue (looked at, left there). */
    public List<String> deadLetters() {
        List<String> bodies = new ArrayList<>();
        List<Message> got;
        do {
            got = sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10).visibilityTimeout(2)
                    .waitTimeSeconds(0)).messages();
            got.forEach(m -> bodies.add(m.body()));
        } while (!got.isEmpty());
        return bodies;
    }

    @Override
    public void close() {
        sqs.close();
        server.stopAndWait();
    }
}
