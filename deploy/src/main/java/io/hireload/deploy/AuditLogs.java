package io.hireload.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.CfnMapping;
import software.amazon.awscdk.regioninfo.FactName;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
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
 * because ALB access logs cannot be written with a KMS key; kept as long as the CloudWatch logs
 * ({@code logRetentionDays}, a year by default).
 */
final class AuditLogs extends Construct {
    static final String ALB_PREFIX = "alb";
    static final String FLOW_LOGS_PREFIX = "vpc-flow-logs/";
    static final String S3_ACCESS_PREFIX = "s3-access/";
    /** Who writes ALB access logs (AWS, "Enable access logs for your Application Load Balancer"). */
    private static final String ACCOUNT = "account";
    static final String ALB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com";

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
        Reviewed.accept(bucket, Reviewed.NIST + "S3DefaultEncryptionKMS", "ALB access logs can only be written to "
                + "a bucket encrypted with S3-managed keys (SSE-S3); the bucket holds records about requests, not HR data.");
        Reviewed.accept(bucket, Reviewed.NIST + "S3BucketReplicationEnabled", "A copy in a second region is a "
                + "disaster-recovery choice per deployment (docs/DEPLOY.md, 'A second region'); the bucket is versioned.");
    }

    Bucket bucket() {
        return bucket;
    }

    /**
     * The load balancer's access logs into {@code alb/}. AWS documents two writers: the log
     * delivery service principal (regions from August 2022 on, and where it is accepted), and in
     * older regions the regional Elastic Load Balancing account. The account comes from CDK's
     * region facts as a template mapping read with a default, so a region the mapping does not
     * know (any new one) gets this account itself, a grant that adds nothing, and the stack
     * deploys in every region.
     */
    void receiveAccessLogsOf(ApplicationLoadBalancer loadBalancer) {
        var accounts = new TreeMap<String, Map<String, Object>>();
        RegionInfo.regionMap(FactName.ELBV2_ACCOUNT).forEach((region, account) ->
                accounts.put(region, Map.of(ACCOUNT, account)));
        var mapping = CfnMapping.Builder.create(this, "ElbAccounts").mapping(accounts).build();
        var objects = bucket.arnForObjects(ALB_PREFIX + "/AWSLogs/" + Aws.ACCOUNT_ID + "/*");
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AlbAccessLogsByLogDelivery")
                .principals(List.of(new ServicePrincipal(ALB_LOG_DELIVERY)))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(objects))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AlbAccessLogsByRegionalAccount")
                .principals(List.of(new ArnPrincipal("arn:" + Aws.PARTITION + ":iam::"
                        + mapping.findInMap(Aws.REGION, ACCOUNT, Aws.ACCOUNT_ID) + ":root")))
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
