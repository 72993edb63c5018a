package io.hireload.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.AlarmBehavior;
import software.amazon.awscdk.services.ecs.DeploymentAlarmOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What wakes an operator: the load balancer's and the targets' 5xx, targets failing liveness, the
 * database's CPU, memory, connections and capacity, load events nobody takes, and failed loads (a metric the server's JSON log lines carry, embedded
 * metric format). All notify one SNS topic; the first two also guard deployments, so ECS rolls a
 * release back when they fire during its rollout.
 */
final class Alarms extends Construct {
    /** Where the server's log lines put their metrics (io.hireload.observe.LogFormat). */
    static final String NAMESPACE = "hireload";
    static final String LOADS_FAILED = "LoadsFailed";
    private static final Duration MINUTE = Duration.minutes(1);
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    private final Topic topic;
    private final List<Alarm> all = new ArrayList<>();

    /** Connections the server's pool opens per task at most (the server's default maximumPoolSize). */
    static final int POOL_PER_TASK = 16;
    /** Besides its pool: the load workers' LISTEN connection, and the migrate container at its start. */
    static final int OTHER_CONNECTIONS_PER_TASK = 2;
    /** Age of the oldest load event that means nobody is taking them (events are kept 4 days). */
    static final int OLDEST_EVENT_SECONDS = 3600;
    /** Share of dbMaxAcu in use that means the database is at its ceiling. */
    static final int ACU_PERCENT = 90;

    Alarms(Construct scope, String id, HireloadSettings settings, ServerService server, Database database,
           LoadEvents events) {
        super(scope, id);
        // CloudWatch publishes to an encrypted topic only with a key whose policy lets it.
        var key = Key.Builder.create(this, "TopicKey")
                .description("hireload alarm topic")
                .enableKeyRotation(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        topic = Topic.Builder.create(this, "Topic")
                .displayName("hireload alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        if (!settings.alarmEmail().isEmpty()) {
            topic.addSubscription(new EmailSubscription(settings.alarmEmail()));
        }

        var lb = server.service().getLoadBalancer();
        var targets = server.service().getTargetGroup();
        var sum1 = MetricOptions.builder().period(MINUTE).statistic("Sum").build();
        var elb5xx = alarm("LoadBalancer5xx", "the load balancer answered 5xx itself (no healthy target, timeouts)",
                lb.getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum1), 10, 3);
        var target5xx = alarm("Target5xx", "the server answered 5xx",
                lb.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum1), 10, 3);
        var unhealthy = alarm("UnhealthyTargets", "tasks fail liveness: the process does not serve",
                targets.getMetrics().unhealthyHostCount(MetricOptions.builder().period(MINUTE).statistic("Maximum").build()),
                1, 3);
        alarm("DatabaseCpu", "Aurora CPU at or above 80 % for 15 minutes",
                database.cluster().metricCPUUtilization(MetricOptions.builder().period(FIVE_MINUTES).build()), 80, 3);
        alarmBelow("DatabaseMemory", "Aurora freeable memory under 256 MiB for 15 minutes",
                database.cluster().metricFreeableMemory(MetricOptions.builder().period(FIVE_MINUTES).build()),
                256L * 1024 * 1024, 3);
        alarm("DatabaseConnections", "more connections to Aurora than the service's tasks open at their ceiling "
                        + "(maxTasks x (pool + 2)): another client, or a pool raised without this alarm",
                database.cluster().metricDatabaseConnections(MetricOptions.builder().period(FIVE_MINUTES)
                        .statistic("Maximum").build()),
                settings.maxTasks() * (POOL_PER_TASK + OTHER_CONNECTIONS_PER_TASK) + 1, 2);
        alarm("DatabaseCapacity", "Aurora at " + ACU_PERCENT + " % or more of dbMaxAcu for 15 minutes: raise dbMaxAcu",
                database.cluster().metric("ACUUtilization", MetricOptions.builder().period(FIVE_MINUTES)
                        .statistic("Average").build()), ACU_PERCENT, 3);
        alarm("LoadEventsWaiting", "the oldest load event has waited an hour: no server takes them (events older "
                        + "than 4 days are lost)",
                events.queue().metricApproximateAgeOfOldestMessage(MetricOptions.builder().period(FIVE_MINUTES)
                        .statistic("Maximum").build()), OLDEST_EVENT_SECONDS, 1);
        alarm("LoadsFailed", "a load failed: see GET /loads and the log lines with its load_id",
                Metric.Builder.create()
                        .namespace(NAMESPACE)
                        .metricName(LOADS_FAILED)
                        .dimensionsMap(Map.of("Service", "hireload"))
                        .statistic("Sum")
                        .period(FIVE_MINUTES)
                        .build(), 1, 1);

        server.service().getService().enableDeploymentAlarms(
                List.of(elb5xx.getAlarmName(), target5xx.getAlarmName(), unhealthy.getAlarmName()),
                DeploymentAlarmOptions.builder().behavior(AlarmBehavior.ROLLBACK_ON_ALARM).build());
    }

    Topic topic() {
        return topic;
    }

    List<Alarm> all() {
        return List.copyOf(all);
    }

    private Alarm alarm(String id, String description, IMetric metric, double threshold, int periods) {
        return add(id, description, metric, threshold, periods, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    }

    private Alarm alarmBelow(String id, String description, IMetric metric, double threshold, int periods) {
        return add(id, description, metric, threshold, periods, ComparisonOperator.LESS_THAN_THRESHOLD);
    }

    private Alarm add(String id, String description, IMetric metric, double threshold, int periods,
                      ComparisonOperator comparison) {
        var alarm = Alarm.Builder.create(this, id)
                .alarmDescription("hireload: " + description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(comparison)
                // No requests or no loads is quiet, not broken.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        all.add(alarm);
        return alarm;
    }
}
