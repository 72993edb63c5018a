package io.hireload.deploy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ec2.IVpc;
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

    Database(Construct scope, String id, IVpc vpc, HireloadSettings settings) {
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
                .credentials(Credentials.fromGeneratedSecret(settings.dbUser()))
                .defaultDatabaseName(settings.dbName())
                .port(PORT)
                .writer(ClusterInstance.serverlessV2("writer", ServerlessV2ClusterInstanceProps.builder()
                        .enablePerformanceInsights(true)
                        .build()))
                .readers(readers(settings.dbReaders()))
                .serverlessV2MinCapacity(settings.dbMinAcu())
                .serverlessV2MaxCapacity(settings.dbMaxAcu())
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .securityGroups(List.of(securityGroup))
                // Connections without TLS are refused, whatever a client asks for.
                .parameters(Map.of("rds.force_ssl", "1"))
                .storageEncrypted(true)
                .cloudwatchLogsExports(List.of("postgresql"))
                .cloudwatchLogsRetention(settings.retention())
                .enablePerformanceInsights(true)
                .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                .backup(BackupProps.builder().retention(Duration.days(7)).build())
                .deletionProtection(settings.deletionProtection())
                // Deleting the stack leaves a final snapshot rather than dropping the data.
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();

        // The server's role: the migration step creates it with this password and grants it its rows.
        appCredentials = DatabaseSecret.Builder.create(this, "AppCredentials")
                .username(APP_USER)
                .build();

        // The server takes DATABASE_URL plus DATABASE_USER/DATABASE_PASSWORD. ECS can only map a
        // whole secret or one JSON field of it to a variable, so the URL gets a secret of its own.
        // It holds no credential (those stay in the generated secrets); verify-full checks the
        // certificate against the RDS authorities baked into the image, and the host name.
        urlSecret = Secret.Builder.create(this, "UrlSecret")
                .description("JDBC URL of the hireload Aurora cluster (TLS verified; no credentials)")
                .secretStringValue(SecretValue.unsafePlainText("jdbc:postgresql://"
                        + cluster.getClusterEndpoint().getSocketAddress() + "/" + settings.dbName()
                        + "?sslmode=verify-full&sslrootcert=" + CA_BUNDLE))
                .build();
        reviewed(settings);
    }

    private void reviewed(HireloadSettings settings) {
        Reviewed.accept(cluster, "RDS6", "The server authenticates with a password from Secrets Manager over verified "
                + "TLS; IAM tokens expire every 15 minutes and would need a token-aware connection pool.");
        Reviewed.accept(cluster.getNode().findChild("Secret"), "SMG4", "The master credentials are used only by the migration step at "
                + "task start; rotate them by the runbook (docs/DEPLOY.md, 'Rotating database credentials').");
        Reviewed.accept(appCredentials, "SMG4", "Rotated by the runbook: put a new value and redeploy; the migration "
                + "step of each new task sets the role's password from this secret (docs/DEPLOY.md).");
        if (!settings.deletionProtection()) {
            Reviewed.accept(cluster, "RDS10", "Deletion protection was turned off by context (deletionProtection=false), "
                    + "for a stack meant to be thrown away; the default keeps it on.");
        }
        Reviewed.accept(urlSecret, "SMG4", "Holds the JDBC URL only (host, port, database, TLS settings): no credential "
                + "to rotate.");
    }

    DatabaseCluster cluster() {
        return cluster;
    }

    /** Generated by CloudFormation: JSON with username, password, host, port, dbname. For the migration step only. */
    ISecret masterCredentials() {
        return cluster.getSecret();
    }

    /** The server's own role: JSON with username and password. */
    ISecret appCredentials() {
        return appCredentials;
    }

    ISecret urlSecret() {
        return urlSecret;
    }

    private static List<IClusterInstance> readers(int count) {
        // Readers follow the writer's capacity so a failover lands on an instance already warm.
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> ClusterInstance.serverlessV2("reader" + i,
                        ServerlessV2ClusterInstanceProps.builder().scaleWithWriter(true)
                                .enablePerformanceInsights(true).build()))
                .toList();
    }
}
