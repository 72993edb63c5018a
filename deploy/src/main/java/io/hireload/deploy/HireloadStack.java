package io.hireload.deploy;

import java.nio.file.Path;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.constructs.Construct;

/**
 * The production shape of hireload: VPC, ALB, Fargate service, Aurora PostgreSQL Serverless v2,
 * bucket, secrets, task role, audit logs and alarms. The stack has no account or region on purpose: one template
 * deploys anywhere, and synthesis never calls AWS.
 */
public final class HireloadStack extends Stack {

    public HireloadStack(Construct scope, HireloadSettings settings, Path repoRoot) {
        super(scope, settings.stackName(), StackProps.builder()
                .description("hireload: CSV hiring records from S3 into Aurora PostgreSQL, served by ECS Fargate")
                .build());

        var logs = new AuditLogs(this, "AuditLogs", settings);
        var network = new Network(this, "Network", settings, logs);
        var database = new Database(this, "Database", network.vpc(), settings);
        var bucket = new DataBucket(this, "Data", settings, logs);
        var adminKey = Secret.Builder.create(this, "AdminKey")
                .description("hireload admin key: send as 'Authorization: Bearer <key>'")
                .generateSecretString(SecretStringGenerator.builder()
                        // Letters and digits only, so the key survives shells, headers and admin.key files.
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .passwordLength(48)
                        .build())
                .build();
        var server = new ServerService(this, "Server", settings, new ServerService.Wiring(
                network.vpc(), ServerImage.of(this, settings, repoRoot), database, bucket, adminKey, logs));
        var alarms = new Alarms(this, "Alarms", settings, server, database);
        var events = new LoadEvents(this, "LoadEvents", bucket, new BucketLayout(settings.s3Prefix()));
        events.connect(server.service());
        events.deadLetterAlarm().addAlarmAction(new SnsAction(alarms.topic()));
        Reviewed.acceptAt(this, Reviewed.BUCKET_NOTIFICATIONS_FUNCTION, "IAM4", "CDK's bucket notifications handler "
                + "(it writes the bucket's notification configuration once, at deploy time) logs through "
                + "AWSLambdaBasicExecutionRole, as every Lambda does.");
        Reviewed.accept(adminKey, "SMG4", "The admin key is rotated by the runbook (docs/DEPLOY.md, 'Rotating "
                + "the admin key'): tasks read it at start, so a rotation needs a restart that a rotation Lambda cannot do.");
        Reviewed.acceptAt(this, Reviewed.LOG_RETENTION_FUNCTION, "IAM4", "CDK's log retention function (sets the "
                + "retention of Aurora's log group) logs through AWSLambdaBasicExecutionRole, as every Lambda does.");
        Reviewed.acceptAt(this, Reviewed.LOG_RETENTION_FUNCTION, "IAM5", "CDK's log retention function may set the "
                + "retention of log groups named by AWS services after the stack's resources exist.",
                "Resource::*");

        var scheme = settings.https() ? "https://" : "http://";
        output("Url", scheme + server.service().getLoadBalancer().getLoadBalancerDnsName(),
                "Base URL of the hireload API");
        output("BucketName", bucket.bucket().getBucketName(), "Bucket for the CSV files and backups");
        output("AdminKeySecretArn", adminKey.getSecretArn(),
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
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }
}
