package io.hireload.deploy;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.backup.BackupPlan;
import software.amazon.awscdk.services.backup.BackupPlanRule;
import software.amazon.awscdk.services.backup.BackupResource;
import software.amazon.awscdk.services.backup.BackupSelectionOptions;
import software.amazon.awscdk.services.backup.BackupVault;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * AWS Backup of the Aurora cluster, beside Aurora's own 7-day point-in-time window: a daily
 * recovery point kept {@value #DAILY_DAYS} days, continuous backup for point-in-time restore
 * over {@value #CONTINUOUS_DAYS} days, in a vault of this stack encrypted with the data key and
 * kept when the stack goes. The bucket needs none: it is versioned and its old versions are kept
 * 90 days; a table's rows also have the API's backups (docs/BACKUPS.md).
 */
final class Backups extends Construct {
    static final int DAILY_DAYS = 35;
    static final int CONTINUOUS_DAYS = 35;

    Backups(Construct scope, String id, Database database, IKey key) {
        super(scope, id);
        var vault = BackupVault.Builder.create(this, "Vault")
                .encryptionKey(key)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        var plan = BackupPlan.Builder.create(this, "Plan")
                .backupVault(vault)
                .backupPlanRules(List.of(BackupPlanRule.Builder.create()
                        .ruleName("daily")
                        .scheduleExpression(Schedule.cron(CronOptions.builder().hour("3").minute("0").build()))
                        .deleteAfter(Duration.days(DAILY_DAYS))
                        .enableContinuousBackup(true)
                        .build()))
                .build();
        var selection = plan.addSelection("Database", BackupSelectionOptions.builder()
                .resources(List.of(BackupResource.fromRdsDatabaseCluster(database.cluster())))
                .build());
        Reviewed.accept(selection, "IAM4", "AWSBackupServiceRolePolicyForBackup is the policy AWS defines for "
                + "AWS Backup to snapshot the resources a plan selects; the selection names the cluster only.");
    }
}
