package io.hireload.deploy;

import static io.hireload.deploy.Synthesized.actions;
import static io.hireload.deploy.Synthesized.asList;
import static io.hireload.deploy.Synthesized.list;
import static io.hireload.deploy.Synthesized.map;
import static io.hireload.deploy.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The template at the default settings, synthesized once, offline, through the app's entry point. */
class HireloadStackTest {

    private static final List<String> SECRET_VARIABLES =
            List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "HIRELOAD_ADMIN_KEY");

    @TempDir
    static Path outDir;

    private static Synthesized synth;

    @BeforeAll
    static void synthesize() {
        synth = Synthesized.of(outDir, Map.of());
    }

    @Test
    void writesTheTemplateWithoutAnyLookupOrAccount() {
        var stack = synth.assembly().getStacks().get(0);

        assertThat(Path.of(stack.getTemplateFullPath())).isRegularFile().startsWith(outDir);
        assertThat(stack.getStackName()).isEqualTo("Hireload");
        assertThat(synth.assembly().getManifest().getArtifacts().get("Hireload").getEnvironment())
                .as("an environment-agnostic stack").isEqualTo("aws://unknown-account/unknown-region");
        assertThat(synth.assembly().getManifest().getMissing()).as("context lookups").isNullOrEmpty();
    }

    @Test
    void vpcSpansTwoZonesInThreeTiers() {
        var subnets = synth.resources("AWS::EC2::Subnet").values();

        assertThat(subnets).hasSize(6);
        assertThat(subnets).allSatisfy(subnet -> assertThat(map(map(subnet.get("Properties")).get("AvailabilityZone")))
                .containsKey("Fn::Select"));
        assertThat(subnets.stream().map(HireloadStackTest::subnetType).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("Public", "Public", "Private", "Private", "Isolated", "Isolated");
        assertThat(synth.resources("AWS::EC2::NatGateway")).hasSize(1);
        assertThat(synth.onlyProperties("AWS::EC2::VPCEndpoint").get("VpcEndpointType")).isEqualTo("Gateway");
    }

    @Test
    void loadBalancerIsInternetFacingAndServesHttpsOnlyWithATls13Policy() {
        var alb = synth.onlyProperties("AWS::ElasticLoadBalancingV2::LoadBalancer");

        assertThat(alb).containsEntry("Scheme", "internet-facing").containsEntry("Type", "application");
        assertThat(list(alb.get("Subnets"))).allSatisfy(s -> assertThat(subnetTypeOf(s)).isEqualTo("Public"));
        template().resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
        template().hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 443,
                "Protocol", "HTTPS",
                "SslPolicy", "ELBSecurityPolicy-TLS13-1-3-2021-06",
                "Certificates", List.of(Map.of("CertificateArn", Map.of("Ref", "CertificateArn"))),
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward"))))));
        // Port 80 answers only with a redirect: nothing reaches the service in clear text.
        template().hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 80,
                "Protocol", "HTTP",
                "DefaultActions", List.of(Map.of("Type", "redirect", "RedirectConfig",
                        Map.of("Port", "443", "Protocol", "HTTPS", "StatusCode", "HTTP_301"))))));
    }

    @Test
    void theCertificateIsAStackParameterWhenNoContextNamesOne() {
        template().hasParameter("CertificateArn", Match.objectLike(Map.of(
                "Type", "String",
                "AllowedPattern", Match.stringLikeRegexp("arn:aws.*acm.*certificate.*"))));
    }

    @Test
    void targetGroupAndContainerCheckAskLivenessSoAnOutageKillsNoTask() {
        template().hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "HealthCheckPath", "/health/live",
                "TargetType", "ip",
                "Matcher", Map.of("HttpCode", "200"))));
        template().hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "ContainerDefinitions", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Name", "server",
                        "HealthCheck", Match.objectLike(Map.of(
                                "Command", List.of("CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:8080/health/live || exit 1"),
                                "StartPeriod", 120)))))))));
    }

    @Test
    void theGracePeriodCoversTheMigrationLockWaitAndTheServiceWaitsForTheWriter() {
        var service = synth.resources("AWS::ECS::Service").values().iterator().next();
        var lockWait = Integer.parseInt(environment(container("migrate")).get("HIRELOAD_MIGRATION_LOCK_WAIT_SECONDS"));
        var writer = synth.resources("AWS::RDS::DBInstance").keySet().iterator().next();

        assertThat(lockWait).isEqualTo(600);
        template().hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "HealthCheckGracePeriodSeconds", lockWait + ServerService.SERVER_START_SECONDS)));
        assertThat(list(service.get("DependsOn"))).contains(writer);
    }

    @Test
    void eachTaskMigratesAsTheOwnerFirstThenServesAsItsOwnRole() {
        var server = container("server");
        var migrate = container("migrate");

        assertThat(migrate).containsEntry("Essential", false);
        assertThat(list(migrate.get("EntryPoint"))).endsWith("io.hireload.db.MigrationTask");
        assertThat(list(server.get("DependsOn"))).containsExactly(Map.of("ContainerName", "migrate", "Condition", "SUCCESS"));
        assertThat(secretSource(server, "DATABASE_USER")).isEqualTo(appSecretId());
        assertThat(secretSource(server, "DATABASE_PASSWORD")).isEqualTo(appSecretId());
        assertThat(secretSource(migrate, "DATABASE_USER")).isEqualTo(masterSecretId());
        assertThat(secretSource(migrate, "HIRELOAD_APP_PASSWORD")).isEqualTo(appSecretId());
        assertThat(list(server.get("Secrets")).stream().map(s -> secretSourceOf(map(s))).toList())
                .as("the server never sees the master secret").doesNotContain(masterSecretId());
        assertThat(environment(server)).containsEntry("HIRELOAD_MIGRATE", "false");
        assertThat(environment(server).get("HIRELOAD_TRUSTED_PROXIES")).as("X-Forwarded-For believed from the VPC only")
                .contains("CidrBlock");
        template().hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "GenerateSecretString", Match.objectLike(Map.of(
                        "SecretStringTemplate", "{\"username\":\"" + Database.APP_USER + "\"}")))));
    }

    @Test
    void bothContainersRunOnAReadOnlyRootWithWritableVolumesOnlyWhereNeeded() {
        template().hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "Volumes", List.of(Map.of("Name", "tmp"), Map.of("Name", "data")))));
        assertThat(container("server")).containsEntry("ReadonlyRootFilesystem", true)
                .containsEntry("MountPoints", List.of(
                        Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp"),
                        Map.of("ContainerPath", "/var/lib/hireload", "ReadOnly", false, "SourceVolume", "data")));
        assertThat(container("migrate")).containsEntry("ReadonlyRootFilesystem", true)
                .containsEntry("MountPoints", List.of(Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp")));
    }

    @Test
    void tasksMayOnlySpeakHttpsAndToTheDatabaseWhichSpeaksToNobody() {
        var taskGroup = target(list(map(map(synth.onlyProperties("AWS::ECS::Service").get("NetworkConfiguration"))
                .get("AwsvpcConfiguration")).get("SecurityGroups")).get(0));
        var databaseGroup = target(list(synth.onlyProperties("AWS::RDS::DBCluster").get("VpcSecurityGroupIds")).get(0));
        var separateEgress = synth.resources("AWS::EC2::SecurityGroupEgress").values().stream()
                .map(e -> map(e.get("Properties"))).toList();

        assertThat(map(synth.resource(taskGroup).get("Properties")).get("SecurityGroupEgress")).isEqualTo(List.of(Map.of(
                "CidrIp", "0.0.0.0/0", "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                "Description", "HTTPS to ECR, Secrets Manager, CloudWatch Logs, S3")));
        assertThat(separateEgress).filteredOn(e -> target(e.get("GroupId")).equals(taskGroup)).singleElement()
                .satisfies(e -> assertThat(target(e.get("DestinationSecurityGroupId"))).isEqualTo(databaseGroup));
        // CDK's marker for "no egress": a rule that matches no traffic.
        assertThat(map(synth.resource(databaseGroup).get("Properties")).get("SecurityGroupEgress")).isEqualTo(List.of(Map.of(
                "CidrIp", "255.255.255.255/32", "Description", "Disallow all traffic", "FromPort", 252,
                "IpProtocol", "icmp", "ToPort", 86)));
        assertThat(separateEgress).noneMatch(e -> target(e.get("GroupId")).equals(databaseGroup));
    }

    @Test
    void theServerVerifiesAuroraTlsAndAuroraForcesIt() {
        template().hasResourceProperties("AWS::RDS::DBClusterParameterGroup", Match.objectLike(Map.of(
                "Family", "aurora-postgresql16",
                "Parameters", Map.of("rds.force_ssl", "1"))));
        var clusterGroup = target(synth.onlyProperties("AWS::RDS::DBCluster").get("DBClusterParameterGroupName"));
        assertThat(synth.resource(clusterGroup)).containsEntry("Type", "AWS::RDS::DBClusterParameterGroup");
        assertThat(urlSecret().get("SecretString").toString())
                .contains("?sslmode=verify-full&sslrootcert=" + Database.CA_BUNDLE);
    }

    @Test
    void operatorsGetContainerInsightsAccessAndFlowLogsAndAuroraLogsAndInsights() {
        template().hasResourceProperties("AWS::ECS::Cluster", Match.objectLike(Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled")))));
        template().hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of(
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "access_logs.s3.enabled", "Value", "true"),
                        Map.of("Key", "access_logs.s3.bucket", "Value", Map.of("Ref", auditBucketId())),
                        Map.of("Key", "access_logs.s3.prefix", "Value", "alb"))))));
        template().hasResourceProperties("AWS::EC2::FlowLog", Match.objectLike(Map.of(
                "ResourceType", "VPC", "TrafficType", "ALL", "LogDestinationType", "s3")));
        template().hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", auditBucketId()),
                        "LogFilePrefix", "s3-access/"))));
        template().hasResourceProperties("AWS::RDS::DBCluster", Match.objectLike(Map.of(
                "EnableCloudwatchLogsExports", List.of("postgresql"),
                "PerformanceInsightsEnabled", true)));
        template().hasResourceProperties("Custom::LogRetention", Match.objectLike(Map.of("RetentionInDays", 30)));
        assertThat(environment(container("server"))).containsEntry("HIRELOAD_LOG_FORMAT", "json");
    }

    @Test
    void alarmsWatchErrorsHealthTheDatabaseAndFailedLoadsAndGuardDeployments() {
        var alarms = synth.resources("AWS::CloudWatch::Alarm");
        var topic = synth.resources("AWS::SNS::Topic").keySet().iterator().next();

        assertThat(alarms.values()).extracting(a -> map(a.get("Properties")).get("MetricName"))
                .containsExactlyInAnyOrder("HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "UnHealthyHostCount",
                        "CPUUtilization", "FreeableMemory", "LoadsFailed", "ApproximateNumberOfMessagesVisible");
        assertThat(alarms.values()).allSatisfy(a -> assertThat(list(map(a.get("Properties")).get("AlarmActions")))
                .containsExactly(Map.of("Ref", topic)));
        template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "hireload", "MetricName", "LoadsFailed",
                "Dimensions", List.of(Map.of("Name", "Service", "Value", "hireload")),
                "Threshold", 1, "TreatMissingData", "notBreaching")));
        template().hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.anyValue())));
        var deployment = map(synth.onlyProperties("AWS::ECS::Service").get("DeploymentConfiguration"));
        assertThat(map(deployment.get("Alarms"))).containsEntry("Enable", true).containsEntry("Rollback", true);
        assertThat(list(map(deployment.get("Alarms")).get("AlarmNames"))).extracting(Synthesized::target)
                .hasSize(3).allSatisfy(id -> assertThat(alarms).containsKey(id));
    }

    @Test
    void cdkNagAwsSolutionsFindsNothingUnreviewedAndEachAcceptanceSaysWhy() {
        var suppressions = map(synth.template().toJSON().get("Resources")).values().stream()
                .map(r -> map(map(r).getOrDefault("Metadata", Map.of())).get("cdk_nag"))
                .filter(Objects::nonNull)
                .flatMap(n -> list(map(n).get("rules_to_suppress")).stream().map(Synthesized::map))
                .toList();

        assertThat(Reviews.findings(synth.assembly())).isEmpty();
        assertThat(suppressions).isNotEmpty().allSatisfy(rule -> assertThat((String) rule.get("reason")).hasSizeGreaterThan(40));
        assertThat(suppressions).extracting(rule -> (String) rule.get("id")).containsOnly(
                "AwsSolutions-SMG4", "AwsSolutions-RDS6", "AwsSolutions-IAM4", "AwsSolutions-IAM5",
                "AwsSolutions-EC23", "AwsSolutions-ECS2");
    }

    @Test
    void cfnLintFindsNoErrorAndNoWarningBeyondTheListedOnes() throws Exception {
        var lint = Reviews.cfnLint(Path.of(synth.assembly().getStacks().get(0).getTemplateFullPath()));

        assertThat(lint.output()).isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void cdkJsonCarriesEveryRecommendedFeatureFlagAndTheAppAppliesThem() throws Exception {
        var context = HireloadApp.cdkJsonContext(HireloadApp.repoRoot());

        assertThat(context).containsAllEntriesOf(Reviews.recommendedFlags());
        // One flag's visible effect: the VPC's default security group is emptied.
        template().resourceCountIs("Custom::VpcRestrictDefaultSG", 1);
    }

    @Test
    void fargateServiceRunsPrivatelyBehindTheLoadBalancer() {
        var service = synth.onlyProperties("AWS::ECS::Service");
        var network = map(map(service.get("NetworkConfiguration")).get("AwsvpcConfiguration"));

        assertThat(service).containsEntry("LaunchType", "FARGATE").containsEntry("DesiredCount", 2);
        assertThat(network).containsEntry("AssignPublicIp", "DISABLED");
        assertThat(list(network.get("Subnets"))).hasSize(2).allSatisfy(s -> assertThat(subnetTypeOf(s)).isEqualTo("Private"));
        assertThat(map(list(service.get("LoadBalancers")).get(0))).containsEntry("ContainerPort", 8080);
        assertThat(map(map(service.get("DeploymentConfiguration")).get("DeploymentCircuitBreaker")))
                .containsEntry("Rollback", true);
    }

    @Test
    void secretsReachTheContainerAsEcsSecretsNeverAsEnvironment() {
        var container = container("server");
        var secretNames = list(container.get("Secrets")).stream().map(s -> map(s).get("Name")).toList();
        var environment = list(container.get("Environment")).stream().map(Synthesized::map).toList();

        assertThat(secretNames).containsExactlyInAnyOrderElementsOf(SECRET_VARIABLES);
        assertThat(environment).extracting(e -> e.get("Name"))
                .contains("S3_BUCKET", "AWS_REGION", "SERVER_PORT")
                .doesNotContainAnyElementsOf(SECRET_VARIABLES);
        assertThat(environment).filteredOn(e -> "S3_BUCKET".equals(e.get("Name")))
                .singleElement().satisfies(e -> assertThat(target(e.get("Value"))).isEqualTo(bucketId()));
    }

    @Test
    void everySecretIsGeneratedByAwsOrHoldsNoCredential() {
        var secrets = synth.resources("AWS::SecretsManager::Secret").values().stream()
                .map(s -> map(s.get("Properties"))).toList();

        assertThat(secrets).hasSize(4);
        assertThat(secrets).filteredOn(s -> s.containsKey("GenerateSecretString")).hasSize(3);
        assertThat(secrets).filteredOn(s -> s.containsKey("SecretString")).singleElement()
                .satisfies(url -> assertThat(url.get("SecretString").toString())
                        .contains("jdbc:postgresql://").contains("Endpoint.Address").doesNotContainIgnoringCase("password"));
    }

    @Test
    void auroraPostgresServerlessV2LivesInTheIsolatedSubnets() {
        var clusters = synth.resources("AWS::RDS::DBCluster");
        var cluster = synth.onlyProperties("AWS::RDS::DBCluster");
        var subnetGroup = synth.onlyProperties("AWS::RDS::DBSubnetGroup");

        assertThat(cluster)
                .containsEntry("Engine", "aurora-postgresql")
                .containsEntry("StorageEncrypted", true)
                .containsEntry("DeletionProtection", true)
                .containsEntry("DatabaseName", "hireload")
                .containsEntry("ServerlessV2ScalingConfiguration", Map.of("MinCapacity", 0.5, "MaxCapacity", 4));
        assertThat(cluster.get("MasterUserPassword").toString()).contains("resolve:secretsmanager");
        assertThat(clusters.values().iterator().next()).containsEntry("DeletionPolicy", "Snapshot");
        assertThat(synth.resources("AWS::RDS::DBInstance").values())
                .hasSize(1)
                .allSatisfy(i -> assertThat(map(i.get("Properties"))).containsEntry("DBInstanceClass", "db.serverless")
                        .containsEntry("PubliclyAccessible", false));
        assertThat(list(subnetGroup.get("SubnetIds"))).hasSize(2)
                .allSatisfy(s -> assertThat(subnetTypeOf(s)).isEqualTo("Isolated"));
    }

    @Test
    void onlyTheServiceReachesTheDatabase() {
        var clusterGroup = target(list(synth.onlyProperties("AWS::RDS::DBCluster").get("VpcSecurityGroupIds")).get(0));
        var serviceGroup = target(list(map(map(synth.onlyProperties("AWS::ECS::Service").get("NetworkConfiguration"))
                .get("AwsvpcConfiguration")).get("SecurityGroups")).get(0));

        var intoDatabase = synth.resources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(i -> map(i.get("Properties")))
                .filter(p -> target(p.get("GroupId")).equals(clusterGroup))
                .toList();
        assertThat(intoDatabase).singleElement()
                .satisfies(rule -> assertThat(target(rule.get("SourceSecurityGroupId"))).isEqualTo(serviceGroup));
        assertThat(map(synth.resource(clusterGroup).get("Properties"))).doesNotContainKey("SecurityGroupIngress");
    }

    @Test
    void bucketIsEncryptedPrivateVersionedAndTlsOnly() {
        var bucket = map(synth.resource(bucketId()).get("Properties"));
        var policy = synth.resources("AWS::S3::BucketPolicy").values().stream().map(p -> map(p.get("Properties")))
                .filter(p -> target(p.get("Bucket")).equals(bucketId())).findFirst().orElseThrow();

        assertThat(bucket.get("BucketEncryption").toString()).contains("AES256");
        assertThat(bucket).containsEntry("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket).containsEntry("VersioningConfiguration", Map.of("Status", "Enabled"));
        assertThat(synth.resource(bucketId())).containsEntry("DeletionPolicy", "Retain");
        assertThat(list(map(policy.get("PolicyDocument")).get("Statement"))).anySatisfy(s -> assertThat(map(s))
                .containsEntry("Effect", "Deny")
                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    @Test
    void taskRoleReadsTheTableSourcesAndWritesOnlyBackups() {
        var taskRole = target(synth.onlyProperties("AWS::ECS::TaskDefinition").get("TaskRoleArn"));
        var statements = synth.statementsOfRole(taskRole);

        assertThat(statements).flatExtracting(s -> actions(s).toList())
                .containsOnly("s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject", "s3:GetObjectVersion",
                        "s3:PutObject", "s3:AbortMultipartUpload",
                        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility");
        assertThat(keysAllowed(statements, "s3:GetObject")).containsExactlyInAnyOrder(
                "/departments/*", "/jobs/*", "/employees/*", "/Department/*", "/Job/*", "/Employee/*",
                "/departments.csv", "/jobs.csv", "/hired_employees.csv", "/backups/*");
        assertThat(keysAllowed(statements, "s3:PutObject")).containsExactly("/backups/*");
    }

    @Test
    void logsGoToCloudWatchWithRetention() {
        var logGroupId = synth.resources("AWS::Logs::LogGroup").keySet().iterator().next();
        var logging = map(container("server").get("LogConfiguration"));

        assertThat(synth.onlyProperties("AWS::Logs::LogGroup")).containsEntry("RetentionInDays", 30);
        assertThat(logging).containsEntry("LogDriver", "awslogs");
        assertThat(target(map(logging.get("Options")).get("awslogs-group"))).isEqualTo(logGroupId);
    }

    @Test
    void serviceScalesOnCpuAndOnRequestsPerTask() {
        var target = synth.onlyProperties("AWS::ApplicationAutoScaling::ScalableTarget");
        var metrics = synth.resources("AWS::ApplicationAutoScaling::ScalingPolicy").values().stream()
                .map(p -> map(map(map(p.get("Properties")).get("TargetTrackingScalingPolicyConfiguration"))
                        .get("PredefinedMetricSpecification")).get("PredefinedMetricType"))
                .toList();

        assertThat(target).containsEntry("MinCapacity", 2).containsEntry("MaxCapacity", 6);
        assertThat(metrics).containsExactlyInAnyOrder("ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget");
    }

    @Test
    void imageIsBuiltFromTheDockerfileOverAStagedContextWithoutBuildOutput() throws IOException {
        var assets = outDir.resolve("Hireload.assets.json");
        List<Path> staged;
        try (var entries = Files.list(outDir)) {
            // CDK's own Lambda code (log retention, the default security group's cleanup) is staged too.
            staged = entries.filter(p -> p.getFileName().toString().startsWith("asset."))
                    .filter(p -> Files.isRegularFile(p.resolve(ServerImage.DOCKERFILE))).toList();
        }

        assertThat(Files.readString(assets)).contains("\"dockerFile\": \"deploy/Dockerfile\"").contains("linux/amd64");
        assertThat(staged).singleElement().satisfies(root -> {
            assertThat(root.resolve("deploy/Dockerfile")).isRegularFile();
            assertThat(root.resolve("pom.xml")).isRegularFile();
            assertThat(root.resolve("server/pom.xml")).isRegularFile();
            try (var files = Files.walk(root)) {
                assertThat(files.map(root::relativize).map(Path::toString))
                        .noneMatch(p -> p.contains("target") || p.startsWith(".git") || p.contains(".hireload")
                                || p.startsWith("docs") || p.startsWith("deploy/src"));
            }
        });
    }

    private static Template template() {
        return synth.template();
    }

    private static Map<String, Object> container(String name) {
        return list(synth.onlyProperties("AWS::ECS::TaskDefinition").get("ContainerDefinitions")).stream()
                .map(Synthesized::map)
                .filter(c -> name.equals(c.get("Name")))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static Map<String, String> environment(Map<String, Object> container) {
        return list(container.get("Environment")).stream().map(Synthesized::map)
                .collect(Collectors.toMap(e -> (String) e.get("Name"), e -> String.valueOf(e.get("Value"))));
    }

    /** The logical id of the secret an ECS secret of the container reads. */
    private static String secretSource(Map<String, Object> container, String variable) {
        return list(container.get("Secrets")).stream().map(Synthesized::map)
                .filter(s -> variable.equals(s.get("Name")))
                .map(HireloadStackTest::secretSourceOf)
                .findFirst().orElseThrow(() -> new AssertionError("no secret " + variable));
    }

    /**
     * ValueFrom is the secret's Ref, or a Join of it with ":field::"; a cluster's secret is read
     * through its attachment, which names the secret in turn.
     */
    static String secretSourceOf(Map<String, Object> secret) {
        var from = map(secret.get("ValueFrom"));
        var id = from.containsKey("Ref") ? (String) from.get("Ref")
                : list(list(from.get("Fn::Join")).get(1)).stream()
                        .filter(part -> part instanceof Map<?, ?> m && m.containsKey("Ref"))
                        .map(part -> (String) map(part).get("Ref"))
                        .findFirst().orElseThrow();
        var resource = synth.resource(id);
        if ("AWS::SecretsManager::SecretTargetAttachment".equals(resource.get("Type"))) {
            return target(map(resource.get("Properties")).get("SecretId"));
        }
        return id;
    }

    private static String masterSecretId() {
        return secretIdWhere(t -> !t.contains(Database.APP_USER));
    }

    private static String appSecretId() {
        return secretIdWhere(t -> t.contains(Database.APP_USER));
    }

    private static String secretIdWhere(java.util.function.Predicate<String> usernameTemplate) {
        return synth.resources("AWS::SecretsManager::Secret").entrySet().stream()
                .filter(e -> map(e.getValue().get("Properties")).get("GenerateSecretString") instanceof Map<?, ?> g
                        && g.get("SecretStringTemplate") instanceof String t && t.contains("username")
                        && usernameTemplate.test(t))
                .map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> urlSecret() {
        return synth.resources("AWS::SecretsManager::Secret").values().stream()
                .map(s -> map(s.get("Properties")))
                .filter(p -> p.containsKey("SecretString"))
                .findFirst().orElseThrow();
    }

    private static String auditBucketId() {
        return synth.resources("AWS::S3::Bucket").keySet().stream().filter(id -> id.startsWith("AuditLogs"))
                .findFirst().orElseThrow();
    }

    private static String bucketId() {
        return synth.resources("AWS::S3::Bucket").keySet().stream().filter(id -> id.startsWith("Data"))
                .findFirst().orElseThrow();
    }

    private static List<String> keysAllowed(List<Map<String, Object>> statements, String action) {
        return statements.stream()
                .filter(s -> actions(s).anyMatch(action::equals))
                .flatMap(s -> asList(s.get("Resource")).stream())
                .map(Synthesized::joinedSuffix)
                .toList();
    }

    private static String subnetTypeOf(Object subnetRef) {
        return subnetType(synth.resource(target(subnetRef)));
    }

    /** CDK tags each subnet with its tier: Public, Private or Isolated. */
    private static String subnetType(Map<String, Object> subnet) {
        return list(map(subnet.get("Properties")).get("Tags")).stream().map(Synthesized::map)
                .filter(tag -> "aws-cdk:subnet-type".equals(tag.get("Key")))
                .map(tag -> (String) tag.get("Value"))
                .findFirst().orElseThrow();
    }
}
