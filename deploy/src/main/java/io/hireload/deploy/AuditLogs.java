package io.hireload.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnMapping;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.regioninfo.FactName;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The bucket the platform writes its own records to: ALB access logs ({@code alb/}), VPC flow logs
 * ({@code vpc-flow-logs/}) and the data bucket's server access logs ({@code s3-access/}). SSE-S3,
 * because ALB access logs cannot be written with a KMS key; kept as long as the CloudWatch logs.
 */
final class AuditLogs extends Construct {
    static final String ALB_PREFIX = "alb";
    static final String FLOW_LOGS_PREFIX = "vpc-flow-logs/";
    static final String S3_ACCESS_PREFIX = "s3-access/";

    private final Bucket bucket;

    AuditLogs(Construct scope, String id, HireloadSettings settings) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-logs")
                        .expiration(Duration.days(settings.logRetentionDays()))
                        .noncurrentVersionExpiration(Duration.days(1))
                        .build()))
                // Audit records outlive the stack, as the data does.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    Bucket bucket() {
        return bucket;
    }

    /**
     * The load balancer's access logs into {@code alb/}. CDK's {@code logAccessLogs} needs the
     * stack's region to pick the Elastic Load Balancing account that writes them, and this stack
     * has none on purpose; so the writers are granted here for whichever region it lands in: the
     * regional ELB account (regions older than August 2022, from CDK's region facts, as a
     * template mapping) and the log delivery service (newer regions).
     */
    void receiveAccessLogsOf(ApplicationLoadBalancer loadBalancer) {
        var accounts = new LinkedHashMap<String, Map<String, Object>>();
        RegionInfo.regionMap(FactName.ELBV2_ACCOUNT).forEach((region, account) ->
                accounts.put(region, Map.of("account", account)));
        var mapping = CfnMapping.Builder.create(this, "ElbAccounts").mapping(Map.copyOf(accounts)).build();
        var objects = bucket.arnForObjects(ALB_PREFIX + "/AWSLogs/" + Aws.ACCOUNT_ID + "/*");
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AlbAccessLogsByRegionalAccount")
                .principals(List.of(new ArnPrincipal("arn:" + Aws.PARTITION + ":iam::"
                        + mapping.findInMap(Aws.REGION, "account") + ":root")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(objects))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AlbAccessLogsByLogDelivery")
                .principals(List.of(new ServicePrincipal("logdelivery.elasticloadbalancing.amazonaws.com")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(objects))
                .build());
        loadBalancer.setAttribute("access_logs.s3.enabled", "true");
        loadBalancer.setAttribute("access_logs.s3.bucket", bucket.getBucketName());
        loadBalancer.setAttribute("access_logs.s3.prefix", ALB_PREFIX);
        // The load balancer checks that it may write when the attribute is set.
        loadBalancer.getNode().addDependency(bucket.getPolicy());
    }
}
