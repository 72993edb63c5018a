package io.hireload.deploy;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.ExecuteCommandConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogging;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The server on ECS Fargate in the private subnets behind an internet-facing ALB (HTTPS, TLS 1.3),
 * scaled on CPU and on requests per task. Each task first runs the migration step in a container
 * of its own, as the schema owner, and only then the server, as its own database role.
 *
 * <p>Health: the target group and the container check ask liveness ({@link #LIVE_PATH}), which
 * stays 200 while the process serves, so an Aurora failover or an S3 blip never gets tasks killed;
 * readiness is for operators and deploy scripts (docs/DEPLOY.md).
 */
final class ServerService extends Construct {

    static final int CONTAINER_PORT = 8080;
    static final String LIVE_PATH = "/health/live";
    static final String SERVER = "server";
    static final String MIGRATE = "migrate";
    /** How long the server takes from its container's start to answering liveness, at most. */
    static final int SERVER_START_SECONDS = 120;
    static final SslPolicy TLS_POLICY = SslPolicy.TLS13_13;
    static final String TMP = "tmp";
    static final String DATA = "data";
    /** The server's writable paths (deploy/Dockerfile makes them its user's: DockerfileTest). */
    static final String TMP_DIR = "/tmp";
    static final String DATA_DIR = "/var/lib/hireload";
    /**
     * Where ECS Exec's agent keeps its state and logs inside the container. It cannot create them
     * on a read-only root, so the task gives it two volumes of its own (aws/containers-roadmap#1359).
     */
    static final List<String> EXEC_AGENT_DIRS = List.of("/var/lib/amazon", "/var/log/amazon");

    /** What the service needs from the rest of the stack. */
    record Wiring(IVpc vpc, ContainerImage image, Database database, DataBucket bucket, ISecret adminKey,
                  AuditLogs logs, EncryptionKeys keys) {
    }

    private final ApplicationLoadBalancedFargateService service;
    private final LogGroup logGroup;

    ServerService(Construct scope, String id, HireloadSettings settings, Wiring wiring) {
        super(scope, id);

        logGroup = LogGroup.Builder.create(this, "Logs")
                .encryptionKey(wiring.keys().logs())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // RetentionDays is a Java enum without its number; the validated day count goes in directly.
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(settings.logRetentionDays());

        // The task role is what the server's AWS SDK default chain gets: its S3 and SQS calls, nothing else.
        var taskRole = Role.Builder.create(this, "TaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("hireload server tasks: read the CSV sources and backups, write uploads and backups, take load events")
                .build();
        wiring.bucket().grantServerAccess(taskRole);

        // ECS Exec: an operator's shell in a task, and through it a tunnel to Aurora (docs/DEPLOY.md,
        // "Reaching the database"); each session encrypted with the logs key and logged in full.
        var cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(wiring.vpc())
                .containerInsightsV2(ContainerInsights.ENABLED)
                .executeCommandConfiguration(ExecuteCommandConfiguration.builder()
                        .kmsKey(wiring.keys().logs())
                        .logging(ExecuteCommandLogging.OVERRIDE)
                        .logConfiguration(ExecuteCommandLogConfiguration.builder()
                                .cloudWatchLogGroup(logGroup)
                                .cloudWatchEncryptionEnabled(true)
                                .build())
                        .build())
                .build();

        // Egress: HTTPS (ECR, Secrets Manager, CloudWatch Logs through NAT; S3 through the gateway
        // endpoint) and the database port to the database's group, added with the ingress below.
        var tasks = SecurityGroup.Builder.create(this, "TaskSecurityGroup")
                .vpc(wiring.vpc())
                .allowAllOutbound(false)
                .description("hireload server tasks: in from the load balancer; out to HTTPS and the database")
                .build();
        tasks.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to ECR, Secrets Manager, CloudWatch Logs, S3");

        var taskDefinition = taskDefinition(settings, wiring, taskRole);
        int grace = settings.migrationLockWaitSeconds() + SERVER_START_SECONDS;

        var builder = ApplicationLoadBalancedFargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .desiredCount(settings.desiredCount())
                .taskSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(tasks))
                .assignPublicIp(false)
                .enableExecuteCommand(true)
                .publicLoadBalancer(true)
                .openListener(true)
                .idleTimeout(Duration.seconds(settings.idleTimeoutSeconds()))
                // A new task first waits up to migrationLockWaitSeconds for the migration step (another
                // task may hold Flyway's lock), then starts the server: the grace period covers both.
                .healthCheckGracePeriod(Duration.seconds(grace))
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                // A release that never becomes healthy is rolled back to the last good task definition.
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build());
        if (settings.https()) {
            builder.protocol(ApplicationProtocol.HTTPS)
                    .certificate(Certificate.fromCertificateArn(this, "Certificate", certificateArn(settings)))
                    .sslPolicy(TLS_POLICY)
                    // Port 80 only answers with a redirect to 443.
                    .redirectHttp(true);
        } else {
            builder.protocol(ApplicationProtocol.HTTP);
        }
        service = builder.build();
        // The pattern's own outputs say what the stack's Url and LoadBalancerDns say, under generated names.
        service.getNode().tryRemoveChild("LoadBalancerDNS");
        service.getNode().tryRemoveChild("ServiceURL");

        service.getTargetGroup().configureHealthCheck(HealthCheck.builder()
                .path(LIVE_PATH)
                .healthyHttpCodes("200")
                .interval(Duration.seconds(15))
                .timeout(Duration.seconds(5))
                .healthyThresholdCount(2)
                .unhealthyThresholdCount(3)
                .build());
        // In-flight requests get 30 s to finish when a task is replaced; the default 300 s only slows deploys.
        service.getTargetGroup().setAttribute("deregistration_delay.timeout_seconds", "30");
        wiring.logs().receiveAccessLogsOf(service.getLoadBalancer());
        service.getLoadBalancer().setAttribute("routing.http.drop_invalid_header_fields.enabled", "true");
        // A stack update or a hand in the console cannot delete the one way in; cdk destroy turns it off first.
        service.getLoadBalancer().setAttribute("deletion_protection.enabled", Boolean.toString(settings.deletionProtection()));
        if (!settings.deletionProtection()) {
            Reviewed.accept(service.getLoadBalancer(), Reviewed.NIST + "ELBDeletionProtectionEnabled", "Deletion "
                    + "protection was turned off by context (deletionProtection=false), for a stack meant to be thrown "
                    + "away; the default keeps it on.");
        }

        var scaling = service.getService().autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(settings.minTasks())
                .maxCapacity(settings.maxTasks())
                .build());
        scaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(settings.cpuTargetPercent())
                .scaleOutCooldown(Duration.seconds(60))
                .scaleInCooldown(Duration.seconds(300))
                .build());
        scaling.scaleOnRequestCount("Requests", RequestCountScalingProps.builder()
                .targetGroup(service.getTargetGroup())
                .requestsPerTarget(settings.requestsPerTarget())
                .scaleOutCooldown(Duration.seconds(60))
                .scaleInCooldown(Duration.seconds(300))
                .build());

        wiring.database().cluster().getConnections()
                .allowFrom(service.getService(), Port.tcp(Database.PORT), "hireload server tasks");
        reviewed(taskDefinition, settings);
        // The first tasks start only once the writer exists: before, the migration step could only wait.
        service.getService().getNode().addDependency(wiring.database().cluster());
    }

    private void reviewed(FargateTaskDefinition taskDefinition, HireloadSettings settings) {
        Reviewed.accept(service.getLoadBalancer(), "EC23", "An internet-facing API: 443 (and 80, which only "
                + "redirects to it) must be open to the clients' addresses; keys guard the API itself.");
        Reviewed.accept(taskDefinition, "ECS2", "Plain settings only (port, bucket name, region, log format); "
                + "every secret reaches the containers as an ECS secret from Secrets Manager.");
        Reviewed.accept(taskDefinition.obtainExecutionRole(), "IAM5", "ecr:GetAuthorizationToken has no resource "
                + "to scope to (AWS requires '*'); the image pull itself is scoped to the repository.", "Resource::*");
        Reviewed.accept(taskDefinition.getTaskRole().getNode().findChild("DefaultPolicy"), "IAM5", "ECS Exec's "
                + "ssmmessages channels and its logs:DescribeLogGroups have no resource to scope to (AWS requires '*'); "
                + "the sessions are logged.",
                "Resource::*");
        Reviewed.accept(taskDefinition.getTaskRole().getNode().findChild("DefaultPolicy"), "IAM5", "ECS Exec writes "
                + "each session's log into streams of the server's log group, named when the session starts.",
                Reviewed.matching("^Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<ServerLogs[0-9A-F]+>:\\*$"));
        if (!settings.https()) {
            for (var rule : List.of("ALBHttpToHttpsRedirection", "ELBv2ACMCertificateRequired")) {
                Reviewed.accept(service.getListener(), Reviewed.NIST + rule, "Plain HTTP was asked for by context "
                        + "(plainHttp=true), the explicit opt-out for a throwaway stack with sample data (docs/DEPLOY.md); "
                        + "the default serves HTTPS only.");
            }
        }
        var redirect = service.getLoadBalancer().getNode().tryFindChild("PublicRedirectListener");
        if (redirect != null) {
            Reviewed.accept(redirect, Reviewed.NIST + "ELBv2ACMCertificateRequired", "Port 80 answers only a "
                    + "301 to HTTPS on 443, whose listener uses the ACM certificate; it serves nothing.");
        }
    }

    ApplicationLoadBalancedFargateService service() {
        return service;
    }

    LogGroup logGroup() {
        return logGroup;
    }

    /**
     * Two containers: {@code migrate} (not essential) runs Flyway as the schema owner and exits;
     * {@code server} starts only when it exited 0. Both have read-only root filesystems; the
     * server writes only to /tmp and its data directory, both task-local volumes.
     */
    private FargateTaskDefinition taskDefinition(HireloadSettings settings, Wiring wiring, Role taskRole) {
        var task = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(settings.cpu())
                .memoryLimitMiB(settings.memoryMiB())
                .taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();
        task.addVolume(Volume.builder().name(TMP).build());
        task.addVolume(Volume.builder().name(DATA).build());
        for (int i = 0; i < EXEC_AGENT_DIRS.size(); i++) {
            task.addVolume(Volume.builder().name(execVolume(i)).build());
        }

        var server = task.addContainer(SERVER, ContainerDefinitionOptions.builder()
                .containerName(SERVER)
                .image(wiring.image())
                .essential(true)
                .readonlyRootFilesystem(true)
                .portMappings(List.of(PortMapping.builder().containerPort(CONTAINER_PORT).build()))
                .environment(ContainerSettings.server(settings, wiring))
                .secrets(ContainerSettings.serverSecrets(wiring))
                .logging(logs(SERVER))
                .healthCheck(software.amazon.awscdk.services.ecs.HealthCheck.builder()
                        .command(List.of("CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:" + CONTAINER_PORT
                                + LIVE_PATH + " || exit 1"))
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(SERVER_START_SECONDS))
                        .build())
                .stopTimeout(Duration.seconds(30))
                .build());
        server.addMountPoints(mount(TMP, TMP_DIR), mount(DATA, DATA_DIR));
        for (int i = 0; i < EXEC_AGENT_DIRS.size(); i++) {
            server.addMountPoints(mount(execVolume(i), EXEC_AGENT_DIRS.get(i)));
        }

        var migrate = task.addContainer(MIGRATE, ContainerDefinitionOptions.builder()
                .containerName(MIGRATE)
                .image(wiring.image())
                .essential(false)
                .readonlyRootFilesystem(true)
                .entryPoint(List.of("java", "-XX:MaxRAMPercentage=50", "-cp", "/app/hireload-server.jar",
                        "io.hireload.db.MigrationTask"))
                .environment(Map.of(
                        "HIRELOAD_MIGRATION_LOCK_WAIT_SECONDS", Integer.toString(settings.migrationLockWaitSeconds()),
                        "HIRELOAD_LOG_FORMAT", "json"))
                .secrets(ContainerSettings.migrationSecrets(wiring))
                .logging(logs(MIGRATE))
                .build());
        migrate.addMountPoints(mount(TMP, TMP_DIR));
        server.addContainerDependencies(ContainerDependency.builder()
                .container(migrate)
                .condition(ContainerDependencyCondition.SUCCESS)
                .build());
        return task;
    }

    private static String execVolume(int i) {
        return "exec-agent-" + i;
    }

    private LogDriver logs(String prefix) {
        return LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logGroup).streamPrefix(prefix).build());
    }

    private static MountPoint mount(String volume, String path) {
        return MountPoint.builder().sourceVolume(volume).containerPath(path).readOnly(false).build();
    }

    /** The context's certificate, else a stack parameter asked for at deploy time. */
    private String certificateArn(HireloadSettings settings) {
        if (!settings.certificateArn().isEmpty()) {
            return settings.certificateArn();
        }
        return CfnParameter.Builder.create(Stack.of(this), "CertificateArn")
                .type("String")
                .description("ACM certificate (in this region) for the load balancer's HTTPS listener")
                .allowedPattern("arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+")
                .constraintDescription("an ACM certificate ARN, e.g. arn:aws:acm:eu-west-1:123456789012:certificate/...")
                .build()
                .getValueAsString();
    }
}
