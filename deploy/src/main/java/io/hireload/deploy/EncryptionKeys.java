package io.hireload.deploy;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The stack's customer-managed KMS keys, rotated yearly by KMS: one for the HR data at rest (the
 * data bucket, Aurora's storage and Performance Insights, the secrets, the backup vault) and one
 * for the logs (the server's log group and the ECS Exec sessions' log), whose key policy must
 * let CloudWatch Logs use it. Both outlive the stack, as what they encrypt does.
 */
final class EncryptionKeys extends Construct {

    private final Key data;
    private final Key logs;

    EncryptionKeys(Construct scope, String id) {
        super(scope, id);
        data = Key.Builder.create(this, "Data")
                .description("hireload: HR data at rest (bucket, Aurora, secrets, backups)")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        logs = Key.Builder.create(this, "Logs")
                .description("hireload: CloudWatch log groups (server logs, ECS Exec sessions)")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // CloudWatch Logs encrypts with the key of a log group only if the key policy lets the
        // regional Logs service do so for log groups of this account and region.
        logs.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchLogsOfThisAccount")
                .principals(List.of(new ServicePrincipal("logs." + Aws.REGION + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:*")))
                .build());
    }

    Key data() {
        return data;
    }

    Key logs() {
        return logs;
    }
}
