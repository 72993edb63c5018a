package io.hireload.deploy;

import static io.hireload.deploy.Synthesized.actions;
import static io.hireload.deploy.Synthesized.asList;
import static io.hireload.deploy.Synthesized.list;
import static io.hireload.deploy.Synthesized.map;
import static io.hireload.deploy.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;

/**
 * The queue wiring of loads that start themselves, in a template synthesized with a bucket prefix:
 * the bucket announces ObjectCreated under each table prefix and the seed's layouts to a queue with
 * a dead-letter queue and an alarm on its depth; the server container is told the queue's URL and
 * its task role may receive, delete and extend messages of that queue only.
 */
class LoadEventsTest {

    @TempDir
    static Path outDir;

    private static Synthesized synth;

    @BeforeAll
    static void synthesize() {
        synth = Synthesized.of(outDir, Map.of("hireload:s3Prefix", "hr/"));
    }

    @Test
    void theBucketAnnouncesNewObjectsOfEveryTableLayoutToTheQueue() {
        var queueId = queueId();
        synth.template().hasResourceProperties("Custom::S3BucketNotifications", Match.objectLike(Map.of(
                "NotificationConfiguration", Map.of("QueueConfigurations", Match.arrayWith(List.of(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", "hr/employees/")))),
                        "QueueArn", Map.of("Fn::GetAtt", List.of(queueId, "Arn")))))))));
        var configurations = list(map(synth.onlyProperties("Custom::S3BucketNotifications")
                .get("NotificationConfiguration")).get("QueueConfigurations"));
        var prefixes = configurations.stream()
                .map(c -> map(list(map(map(map(c).get("Filter")).get("Key")).get("FilterRules")).get(0)).get("Value"))
                .toList();
        assertThat(prefixes).containsExactlyInAnyOrder("hr/departments/", "hr/jobs/", "hr/employees/",
                "hr/Department/", "hr/Job/", "hr/Employee/", "hr/departments.csv", "hr/jobs.csv", "hr/hired_employees.csv");
        // S3 may send only because the queue's policy lets the bucket.
        synth.template().hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                "Queues", List.of(Map.of("Ref", queueId)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("sqs:SendMessage")),
                        "Principal", Map.of("Service", "s3.amazonaws.com")))))))))); 
    }

    @Test
    void aMessageReceivedFiveTimesMovesToTheDeadLetterQueueWhoseDepthRaisesAnAlarm() {
        var deadLettersId = deadLettersId();
        synth.template().hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLettersId, "Arn")),
                        "maxReceiveCount", LoadEvents.MAX_RECEIVES),
                "SqsManagedSseEnabled", true)));
        synth.template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(deadLettersId, "QueueName")))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                // Someone is told: the stack's alarm topic.
                "AlarmActions", Match.arrayWith(List.of(Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("AlarmsTopic.*"))))))));
    }

    @Test
    void theServerIsToldTheQueueAndMayReceiveAndDeleteOnThatQueueOnly() {
        var queueId = queueId();
        synth.template().hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "ContainerDefinitions", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Name", "server",
                        "Environment", Match.arrayWith(List.of(Map.of(
                                "Name", "HIRELOAD_QUEUE_URL", "Value", Map.of("Ref", queueId)))))))))));

        var taskRole = target(synth.onlyProperties("AWS::ECS::TaskDefinition").get("TaskRoleArn"));
        var sqsStatements = synth.statementsOfRole(taskRole).stream()
                .filter(s -> actions(s).anyMatch(a -> a.startsWith("sqs:")))
                .toList();
        assertThat(sqsStatements).singleElement().satisfies(s -> {
            assertThat(actions(s).toList()).containsExactlyInAnyOrderElementsOf(LoadEvents.SERVER_ACTIONS);
            assertThat(asList(s.get("Resource"))).containsExactly(Map.of("Fn::GetAtt", List.of(queueId, "Arn")));
        });
    }

    private static String queueId() {
        return synth.resources("AWS::SQS::Queue").entrySet().stream()
                .filter(e -> map(e.getValue().get("Properties")).containsKey("RedrivePolicy"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static String deadLettersId() {
        return synth.resources("AWS::SQS::Queue").keySet().stream().filter(id -> !id.equals(queueId()))
                .findFirst().orElseThrow();
    }
}
