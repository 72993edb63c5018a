package io.hireload.deploy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.secretsmanager.HostedRotation;
import software.amazon.awscdk.services.secretsmanager.MultiUserHostedRotationOptions;
import software.amazon.awscdk.services.secretsmanager.RotationScheduleOptions;
import software.amazon.awscdk.services.secretsmanager.SingleUserHostedRotationOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.IClusterInstance;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * Aurora PostgreSQL Serverless v2 in the isolated subnets. Its master credentials are generated
 * into Secrets Manager by CloudFormation, so no password ever appears in the template or in git;
 * they are used only by the migration step. The server connects as its own role ({@link #APP_USER},
 * a generated secret of its own) over TLS that it verifies, and the cluster refuses anything else.
 */
final class Database extends Construct {
    /** The server's database role, created by the migration step (docs/DEPLOY.md "Database roles"). */
    static final String APP_USER = "hireload_app";
    /** Where the image keeps the RDS certificate authorities (deploy/Dockerfile). */
    static final String CA_BUNDLE = "/app/certs/rds-global-bundle.pem";
    static final int PORT = 5432;

    private final DatabaseCluster cluster;
    private final Secret urlSecret;
    private final DatabaseSecret appCredentials;
    private final ISecret attachedAppCredentials;

    /** Days between automatic rotations of the master's and the server role's passwords. */
    static final int ROTATION_DAYS = 30;
    /** Characters a generated password leaves out (CDK's default for database secrets), rotations alike. */
    private static final String EXCLUDED = " %+~`#$&*()|[]{}:;<>?!'/@\"\\";

    Database(Construct scope, String id, IVpc vpc, HireloadSettings settings, IKey key) {
        super(scope, id);
        var major = settings.postgresVersion().substring(0, settings.postgresVersion().indexOf('.'));
        // No egress at all: the database answers connections, it never opens one.
        var securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(vpc)
                .allowAllOutbound(false)
                .description("hireload Aurora: ingress from the server tasks only, no egress")
                .build();
        cluster = DatabaseCluster.Builder.create(this, "Cluster")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.of(settings.postgresVersion(), major))
                        .build()))
                .credentials(Credentials.fromGeneratedSecret(settings.dbUser(),
                        CredentialsBaseOptions.builder().encryptionKey(key).excludeCharacters(EXCLUDED).build()))
                .defaultDatabaseName(settings.dbName())
                .port(PORT)
                .writer(ClusterInstance.serverlessV2("writer", ServerlessV2ClusterInstanceProps.builder()
                        .enablePerformanceInsights(true)
                        .performanceInsightEncryptionKey(key)
                        .build()))
                .readers(readers(settings.dbReaders(), key))
                .serverlessV2MinCapacity(settings.dbMinAcu())
                .serverlessV2MaxCapacity(settings.dbMaxAcu())
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .securityGroups(List.of(securityGroup))
                // Connections without TLS are refused, whatever a client asks for.
                .parameters(Map.of("rds.force_ssl", "1"))
                .storageEncrypted(true)
                .storageEncryptionKey(key)
                .cloudwatchLogsExports(List.of("postgresql"))
                .cloudwatchLogsRetention(settings.retention())
                .enablePerformanceInsights(true)
                .performanceInsightEncryptionKey(key)
                // Enhanced monitoring: the OS's view (memory, processes) every minute, beside CloudWatch's.
                .monitoringInterval(Duration.seconds(60))
                .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                .backup(BackupProps.builder().retention(Duration.days(7)).build())
                .deletionProtection(settings.deletionProtection())
                // Deleting the stack leaves a final snapshot rather than dropping the data.
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();

        // The server's role: the migration step creates it with this password and grants it its rows.
        // Attached to the cluster (host, port, engine) and naming the master secret, as the
        // multi-user rotation needs: it alternates between this role and a clone of it, so the
        // credentials a running task holds stay valid for a whole rotation period.
        appCredentials = DatabaseSecret.Builder.create(this, "AppCredentials")
                .username(APP_USER)
                .masterSecret(cluster.getSecret())
                .encryptionKey(key)
                .excludeCharacters(EXCLUDED)
                .build();
        attachedAppCredentials = appCredentials.attach(cluster);
        rotate(vpc);

        // The server takes DATABASE_URL plus DATABASE_USER/DATABASE_PASSWORD. ECS can only map a
        // whole secret or one JSON field of it to a variable, so the URL gets a secret of its own.
        // It holds no credential (those stay in the generated secrets); verify-full checks the
        // certificate against the RDS authorities baked into the image, and the host name.
        urlSecret = Secret.Builder.create(this, "UrlSecret")
                .description("JDBC URL of the hireload Aurora cluster (TLS verified; no credentials)")
                .encryptionKey(key)
                .secretStringValue(SecretValue.unsafePlainText("jdbc:postgresql://"
                        + cluster.getClusterEndpoint().getSocketAddress() + "/" + settings.dbName()
                        + "?sslmode=verify-full&sslrootcert=" + CA_BUNDLE))
                .build();
        reviewed(settings);
    }

    private void reviewed(HireloadSettings settings) {
        Reviewed.accept(cluster, "RDS6", "The server authenticates with a password from Secrets Manager over verified "
                + "TLS; IAM tokens expire every 15 minutes and would need a token-aware connection pool.");
        if (!settings.deletionProtection()) {
            Reviewed.accept(cluster, "RDS10", "Deletion protection was turned off by context (deletionProtection=false), "
                    + "for a stack meant to be thrown away; the default keeps it on.");
            Reviewed.accept(cluster, Reviewed.NIST + "RDSInstanceDeletionProtectionEnabled", "Deletion protection was "
                    + "turned off by context (deletionProtection=false), for a stack meant to be thrown away; the default "
                    + "keeps it on.");
        }
        Reviewed.accept(urlSecret, "SMG4", "Holds the JDBC URL only (host, port, database, TLS settings): no credential "
                + "to rotate.");
        Reviewed.accept(urlSecret, Reviewed.NIST + "SecretsManagerRotationEnabled", "Holds the JDBC URL only (host, "
                + "port, database, TLS settings): no credential to rotate.");
        for (var child : cluster.getNode().getChildren()) {
            if (child.getNode().getDefaultChild() instanceof software.amazon.awscdk.services.rds.CfnDBInstance) {
                Reviewed.accept(child, Reviewed.NIST + "RDSInBackupPlan", "Aurora backs up the cluster, not its "
                        + "instances: the cluster is in the stack's AWS Backup plan (Backups).");
            }
        }
        var monitoring = cluster.getNode().tryFindChild("MonitoringRole");
        if (monitoring != null) {
            Reviewed.accept(monitoring, "IAM4", "AmazonRDSEnhancedMonitoringRole is the policy AWS defines for "
                    + "enhanced monitoring to publish the OS metrics to CloudWatch Logs; it grants nothing else.");
        }
    }

    DatabaseCluster cluster() {
        return cluster;
    }

    /** Generated by CloudFormation: JSON with username, password, host, port, dbname. For the migration step only. */
    ISecret masterCredentials() {
        return cluster.getSecret();
    }

    /** The server's own role: JSON with username and password (and host, port, engine, masterarn). */
    ISecret appCredentials() {
        return attachedAppCredentials;
    }

    /**
     * Rotation by Secrets Manager's hosted PostgreSQL functions, every {@link #ROTATION_DAYS} days:
     * the master single-user (only the migrate container reads it, at each task's start), the
     * server's role multi-user (see the constructor). The functions run in the tasks' subnets,
     * reach Secrets Manager over HTTPS and the cluster on its port, nothing else.
     */
    private void rotate(IVpc vpc) {
        var rotationGroup = SecurityGroup.Builder.create(this, "RotationSecurityGroup")
                .vpc(vpc)
                .allowAllOutbound(false)
                .description("hireload secret rotation: HTTPS to Secrets Manager and the database port")
                .build();
        rotationGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to Secrets Manager");
        var subnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
        var master = HostedRotation.postgreSqlSingleUser(SingleUserHostedRotationOptions.builder()
                .vpc(vpc).vpcSubnets(subnets).securityGroups(List.of(rotationGroup))
                .excludeCharacters(EXCLUDED)
                .build());
        cluster.getSecret().addRotationSchedule("Rotation", RotationScheduleOptions.builder()
                .hostedRotation(master)
                .automaticallyAfter(Duration.days(ROTATION_DAYS))
                .build());
        var app = HostedRotation.postgreSqlMultiUser(MultiUserHostedRotationOptions.builder()
                .masterSecret(cluster.getSecret())
                .vpc(vpc).vpcSubnets(subnets).securityGroups(List.of(rotationGroup))
                .excludeCharacters(EXCLUDED)
                .build());
        attachedAppCredentials.addRotationSchedule("Rotation", RotationScheduleOptions.builder()
                .hostedRotation(app)
                .automaticallyAfter(Duration.days(ROTATION_DAYS))
                .build());
        cluster.getConnections().allowFrom(rotationGroup, Port.tcp(PORT), "hireload secret rotation");
    }


    ISecret urlSecret() {
        return urlSecret;
    }

    private static List<IClusterInstance> readers(int count, IKey key) {
        // Readers follow the writer's capacity so a failover lands on an instance already warm.
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> ClusterInstance.serverlessV2("reader" + i,
                        ServerlessV2ClusterInstanceProps.builder().scaleWithWriter(true)
                                .enablePerformanceInsights(true).performanceInsightEncryptionKey(key).build()))
                .toList();
    }
}
