package io.hireload.deploy;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
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
    private final IKey key;

    DataBucket(Construct scope, String id, HireloadSettings settings, AuditLogs logs, IKey key) {
        super(scope, id);
        layout = new BucketLayout(settings.s3Prefix());
        this.key = key;
        var builder = Bucket.Builder.create(this, "Bucket")
                // The stack's own key: who may decrypt the HR files is decided by its policy and
                // shows in CloudTrail. The bucket key makes one KMS call per object, not per request.
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
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
        Reviewed.accept(bucket, Reviewed.NIST + "S3BucketReplicationEnabled", "A copy in a second region is a "
                + "disaster-recovery choice per deployment (docs/DEPLOY.md, 'A second region'); versioning keeps "
                + "overwritten and deleted files 90 days, and the API's backups keep the tables' rows.");
    }

    Bucket bucket() {
        return bucket;
    }

    /**
     * Exactly the server's calls (IamSimulationTest proves it on the synthesized policy): list the
     * bucket (a table's files, /health-s3, readiness), read every loadable key shape and backups
     * (GetObject; HeadObject needs the same), write into each table's upload folder and backups/
     * (PutObject covers a multipart upload's create, parts and completion; abort is its own
     * action), and the bucket key through S3 only. Never delete, never the seed's layouts.
     */
    void grantServerAccess(IGrantable grantee) {
        var principal = grantee.getGrantPrincipal();
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ListBucket")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .build());
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadTableSourcesAndBackups")
                .actions(List.of("s3:GetObject"))
                .resources(layout.readableKeyPatterns().stream().map(bucket::arnForObjects).toList())
                .build());
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteUploadsAndBackups")
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                .resources(layout.writableKeyPatterns().stream().map(bucket::arnForObjects).toList())
                .build());
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("BucketKeyThroughS3")
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of(key.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + Aws.REGION + ".amazonaws.com")))
                .build());
        Reviewed.accept(grantee instanceof software.constructs.IConstruct c ? c : bucket, "IAM5",
                "Object keys under the table folders and backups/ (BucketLayout): which files an operator drops in "
                        + "is data, not known when the stack is built; no action beyond Get, Put and a multipart abort is granted.",
                Reviewed.matching("^Resource::<DataBucket[0-9A-F]+\\.Arn>/.*\\*$"));
    }
}
