package io.hireload.deploy;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The stack's customer-managed KMS keys, rotated yearly by KMS: one for the HR data at rest (the
 * data bucket, Aurora's storage and Performance Insights, the secrets, the backup vault) and one
 * for the logs (the server's, the web ACL's and the rotation function's log groups, the ECS Exec
 * sessions), whose key policy CDK extends to let CloudWatch Logs of this account and region use it
 * for each log group given it. Both outlive the stack, as what they encrypt does.
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
    }

    Key data() {
        return data;
    }

    Key logs() {
        return logs;
    }
}
