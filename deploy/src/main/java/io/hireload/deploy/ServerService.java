package io.hireload.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The server on ECS Fargate in the private subnets behind an internet-facing ALB, scaled on CPU
 * and on requests per task. Several tasks share one database: the server keeps load state and
 * locks there, and Flyway's advisory lock lets exactly one task migrate at start.
 */
final class ServerService extends Construct {

    static final int CONTAINER_PORT = 8080;
    static final String READY_PATH = "/health/ready";

    /** What the service needs from the rest of the stack. */
    record Wiring(IVpc vpc, ContainerImage image, Database database, DataBucket bucket, ISecret adminKey) {
    }

    private final ApplicationLoadBalancedFargateService service;
    private final LogGroup logGroup;

    ServerService(Construct scope, String id, HireloadSettings settings, Wiring wiring) {
        super(scope, id);

        logGroup = LogGroup.Builder.create(this, "Logs")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // RetentionDays is a Java enum without its number; the validated day count goes in directly.
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(settings.logRetentionDays());

        // The task role is what the server's AWS SDK default chain gets: S3 only, nothing else.
        var taskRole = Role.Builder.create(this, "TaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("hireload server tasks: read the CSV sources and backups, write backups")
                .build();
        wiring.bucket().grantServerAccess(taskRole);

        var cluster = Cluster.Builder.create(this, "Cluster").vpc(wiring.vpc()).build();

        var builder = ApplicationLoadBalancedFargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .cpu(settings.cpu())
                .memoryLimitMiB(settings.memoryMiB())
                .desiredCount(settings.desiredCount())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .taskSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .assignPublicIp(false)
                .publicLoadBalancer(true)
                .idleTimeout(Duration.seconds(settings.idleTimeoutSeconds()))
                // Start-up runs the migrations (or waits for another task's): give it time before
                // the ALB's verdict counts.
                .healthCheckGracePeriod(Duration.seconds(180))
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                // A release that never becomes healthy is rolled back to the last good task definition.
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
                        .containerName("server")
                        .image(wiring.image())
                        .containerPort(CONTAINER_PORT)
                        .taskRole(taskRole)
                        .environment(environment(settings, wiring))
                        .secrets(secrets(wiring))
                        .logDriver(LogDriver.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logGroup)
                                .streamPrefix("server")
                                .build()))
                        .build());
        if (settings.https()) {
            builder.protocol(ApplicationProtocol.HTTPS)
                    .certificate(Certificate.fromCertificateArn(this, "Certificate", settings.certificateArn()))
                    .redirectHttp(true);
        }
        service = builder.build();

        service.getTargetGroup().configureHealthCheck(HealthCheck.builder()
                // Readiness includes the database and S3: a task that cannot reach them takes no traffic.
                .path(READY_PATH)
                .healthyHttpCodes("200")
                .interval(Duration.seconds(15))
                .timeout(Duration.seconds(5))
                .healthyThresholdCount(2)
                .unhealthyThresholdCount(3)
                .build());
        // In-flight requests get 30 s to finish when a task is replaced; the default 300 s only slows deploys.
        service.getTargetGroup().setAttribute("deregistration_delay.timeout_seconds", "30");

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
                .allowDefaultPortFrom(service.getService(), "hireload server tasks");
    }

    ApplicationLoadBalancedFargateService service() {
        return service;
    }

    LogGroup logGroup() {
        return logGroup;
    }

    private static Map<String, String> environment(HireloadSettings settings, Wiring wiring) {
        var env = new LinkedHashMap<String, String>();
        env.put("SERVER_PORT", Integer.toString(CONTAINER_PORT));
        env.put("S3_BUCKET", wiring.bucket().bucket().getBucketName());
        env.put("AWS_REGION", Aws.REGION);
        if (!settings.s3Prefix().isEmpty()) {
            env.put("S3_PREFIX", settings.s3Prefix());
        }
        if (!settings.javaOpts().isEmpty()) {
            env.put("JAVA_OPTS", settings.javaOpts());
        }
        return env;
    }

    /**
     * Everything secret reaches the container through ECS secrets: the agent reads Secrets Manager
     * with the execution role at start, so values never sit in the task definition or the template.
     */
    private static Map<String, Secret> secrets(Wiring wiring) {
        var credentials = wiring.database().credentials();
        var secrets = new LinkedHashMap<String, Secret>();
        secrets.put("DATABASE_URL", Secret.fromSecretsManager(wiring.database().urlSecret()));
        secrets.put("DATABASE_USER", Secret.fromSecretsManager(credentials, "username"));
        secrets.put("DATABASE_PASSWORD", Secret.fromSecretsManager(credentials, "password"));
        secrets.put("HIRELOAD_ADMIN_KEY", Secret.fromSecretsManager(wiring.adminKey()));
        return secrets;
    }
}
