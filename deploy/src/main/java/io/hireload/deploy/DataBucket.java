package io.hireload.deploy;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/** The bucket operators drop CSV files into and the server writes its backups to. */
final class DataBucket extends Construct {

    private final Bucket bucket;
    private final BucketLayout layout;

    DataBucket(Construct scope, String id, HireloadSettings settings, AuditLogs logs) {
        super(scope, id);
        layout = new BucketLayout(settings.s3Prefix());
        var builder = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                // Who read or wrote which HR file, kept apart from the data.
                .serverAccessLogsBucket(logs.bucket())
                .serverAccessLogsPrefix(AuditLogs.S3_ACCESS_PREFIX)
                // Versioning turns an overwritten or deleted CSV or backup into a recoverable one.
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-old-versions")
                        .noncurrentVersionExpiration(Duration.days(90))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                // HR data outlives the stack: deleting the stack orphans the bucket, never empties it.
                .removalPolicy(RemovalPolicy.RETAIN);
        if (!settings.bucketName().isEmpty()) {
            builder.bucketName(settings.bucketName());
        }
        bucket = builder.build();
    }

    Bucket bucket() {
        return bucket;
    }

    /**
     * Read on the table sources and backups, write on backups, nothing else. Listing is granted on
     * the whole bucket: key names are not data; /health-s3 lists what it sees, readiness one key.
     */
    void grantServerAccess(IGrantable grantee) {
        var principal = grantee.getGrantPrincipal();
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ListBucket")
                .actions(List.of("s3:ListBucket", "s3:GetBucketLocation"))
                .resources(List.of(bucket.getBucketArn()))
                .build());
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadTableSourcesAndBackups")
                .actions(List.of("s3:GetObject", "s3:GetObjectVersion"))
                .resources(layout.readableKeyPatterns().stream().map(bucket::arnForObjects).toList())
                .build());
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteBackups")
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                .resources(layout.writableKeyPatterns().stream().map(bucket::arnForObjects).toList())
                .build());
        Reviewed.accept(grantee instanceof software.constructs.IConstruct c ? c : bucket, "IAM5",
                "Object keys under the table folders and backups/ (BucketLayout): which files an operator drops in "
                        + "is data, not known when the stack is built; no action beyond Get/Put is granted.",
                Reviewed.matching("^Resource::<DataBucket[0-9A-F]+\\.Arn>/.*\\*$"));
    }
}
