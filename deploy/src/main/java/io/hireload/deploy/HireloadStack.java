package io.hireload.deploy;

import java.nio.file.Path;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.constructs.Construct;

/**
 * The production shape of hireload: VPC, ALB, Fargate service, Aurora PostgreSQL Serverless v2,
 * bucket, secrets and their rotation, KMS keys, task role, web ACL, backup plan, audit logs and alarms. The stack has no account or region on purpose: one template
 * deploys anywhere, and synthesis never calls AWS.
 */
public final class HireloadStack extends Stack {
    static final String LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions";

    public HireloadStack(Construct scope, HireloadSettings settings, Path repoRoot) {
        super(scope, settings.stackName(), StackProps.builder()
                .description("hireload: CSV hiring records from S3 into Aurora PostgreSQL, served by ECS Fargate")
                .build());

        // First of the template's transforms, so every other (the hosted rotations') sees its
        // functions already resolved (the ALB log writers' mapping read with a default: AuditLogs).
        addTransform(LANGUAGE_EXTENSIONS);
        var keys = new EncryptionKeys(this, "Keys");
        var logs = new AuditLogs(this, "AuditLogs", settings);
        var network = new Network(this, "Network", settings, logs);
        var database = new Database(this, "Database", network.vpc(), settings, keys.data());
        var bucket = new DataBucket(this, "Data", settings, logs, keys.data());
        var adminKey = new AdminKey(this, "AdminKey", keys.data());
        var server = new ServerService(this, "Server", settings, new ServerService.Wiring(
                network.vpc(), ServerImage.of(this, settings, repoRoot), database, bucket, adminKey.secret(), logs, keys));
        adminKey.rotate(network.vpc(), server.service().getService(), keys.logs(), settings.logRetentionDays());
        var events = new LoadEvents(this, "LoadEvents", bucket, new BucketLayout(settings.s3Prefix()));
        events.connect(server.service());
        var alarms = new Alarms(this, "Alarms", settings, server, database, events);
        events.deadLetterAlarm().addAlarmAction(new SnsAction(alarms.topic()));
        var firewall = new WebFirewall(this, "Firewall", settings, server.service().getLoadBalancer(), keys.logs());
        new Backups(this, "Backups", database, keys.data());
        Reviewed.acceptAt(this, Reviewed.BUCKET_NOTIFICATIONS_FUNCTION, "IAM4", "CDK's bucket notifications handler "
                + "(it writes the bucket's notification configuration once, at deploy time) logs through "
                + "AWSLambdaBasicExecutionRole, as every Lambda does.");
        Reviewed.acceptAt(this, Reviewed.LOG_RETENTION_FUNCTION, "IAM4", "CDK's log retention function (sets the "
                + "retention of Aurora's log group) logs through AWSLambdaBasicExecutionRole, as every Lambda does.");
        Reviewed.acceptAt(this, Reviewed.LOG_RETENTION_FUNCTION, "IAM5", "CDK's log retention function may set the "
                + "retention of log groups named by AWS services after the stack's resources exist.",
                "Resource::*");

        var scheme = settings.https() ? "https://" : "http://";
        output("Url", scheme + server.service().getLoadBalancer().getLoadBalancerDnsName(),
                "Base URL of the hireload API");
        output("BucketName", bucket.bucket().getBucketName(), "Bucket for the CSV files and backups");
        output("AdminKeySecretArn", adminKey.secret().getSecretArn(),
                "aws secretsmanager get-secret-value --secret-id <this> --query SecretString --output text");
        output("DatabaseSecretArn", database.masterCredentials().getSecretArn(),
                "Aurora master credentials (the migration step's; the server has its own role)");
        output("AppDatabaseSecretArn", database.appCredentials().getSecretArn(), "The server's database role");
        output("AlarmTopicArn", alarms.topic().getTopicArn(), "SNS topic of the alarms: subscribe to be told");
        output("AuditLogBucketName", logs.bucket().getBucketName(), "ALB access logs, VPC flow logs, S3 access logs");
        output("LoadEventsQueueUrl", events.queue().getQueueUrl(), "SQS queue of the bucket's ObjectCreated events");
        output("LoadEventsDeadLetterQueueUrl", events.deadLetters().getQueueUrl(),
                "S3 events the servers could not act on (alarm when not empty)");
        output("LogGroupName", server.logGroup().getLogGroupName(), "Server logs");
        output("ClusterName", server.service().getCluster().getClusterName(), "ECS cluster");
        output("ServiceName", server.service().getService().getServiceName(), "ECS service");
        output("LoadBalancerDns", server.service().getLoadBalancer().getLoadBalancerDnsName(),
                "The load balancer's own name: point your DNS name (CNAME or alias) here");
        output("WebAclArn", firewall.acl().getAttrArn(), "WAF web ACL in front of the load balancer");
        output("DatabaseClusterId", database.cluster().getClusterIdentifier(),
                "Aurora cluster identifier (point-in-time restore, failover)");
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }
}
