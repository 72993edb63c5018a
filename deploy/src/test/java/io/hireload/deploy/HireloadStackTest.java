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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void loadBalancerIsInternetFacingAndForwardsItsListenerToTheService() {
        var alb = synth.onlyProperties("AWS::ElasticLoadBalancingV2::LoadBalancer");
        var listener = synth.onlyProperties("AWS::ElasticLoadBalancingV2::Listener");

        assertThat(alb).containsEntry("Scheme", "internet-facing").containsEntry("Type", "application");
        assertThat(list(alb.get("Subnets"))).allSatisfy(s -> assertThat(subnetTypeOf(s)).isEqualTo("Public"));
        assertThat(listener).containsEntry("Port", 80).containsEntry("Protocol", "HTTP");
        assertThat(map(list(listener.get("DefaultActions")).get(0))).containsEntry("Type", "forward");
    }

    @Test
    void targetGroupChecksReadiness() {
        var targetGroup = synth.onlyProperties("AWS::ElasticLoadBalancingV2::TargetGroup");

        assertThat(targetGroup)
                .containsEntry("HealthCheckPath", "/health/ready")
                .containsEntry("TargetType", "ip")
                .containsEntry("Matcher", Map.of("HttpCode", "200"));
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
        var container = container();
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

        assertThat(secrets).hasSize(3);
        assertThat(secrets).filteredOn(s -> s.containsKey("GenerateSecretString")).hasSize(2);
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
        var bucket = synth.onlyProperties("AWS::S3::Bucket");
        var policy = synth.onlyProperties("AWS::S3::BucketPolicy");

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
        var logging = map(container().get("LogConfiguration"));

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
            staged = entries.filter(p -> p.getFileName().toString().startsWith("asset.")).toList();
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

    private static Map<String, Object> container() {
        return map(list(synth.onlyProperties("AWS::ECS::TaskDefinition").get("ContainerDefinitions")).get(0));
    }

    private static String bucketId() {
        return synth.resources("AWS::S3::Bucket").keySet().iterator().next();
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
