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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;

/** Sizes, counts and names come from context: one synthesis with most of them changed. */
class HireloadStackOverridesTest {

    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hireload-server:1.4.0";
    private static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/8f1e-example";

    @TempDir
    static Path outDir;

    private static Synthesized synth;

    @BeforeAll
    static void synthesize() {
        synth = Synthesized.of(outDir, Map.ofEntries(
                Map.entry("hireload:stackName", "HireloadStaging"),
                Map.entry("hireload:imageUri", IMAGE),
                Map.entry("hireload:certificateArn", CERTIFICATE),
                Map.entry("hireload:natGateways", "2"),
                Map.entry("hireload:cpu", "2048"),
                Map.entry("hireload:memoryMiB", "4096"),
                Map.entry("hireload:desiredCount", "3"),
                Map.entry("hireload:maxTasks", "8"),
                Map.entry("hireload:dbReaders", "1"),
                Map.entry("hireload:dbMaxAcu", "16"),
                Map.entry("hireload:deletionProtection", "false"),
                Map.entry("hireload:bucketName", "acme-hireload-staging"),
                Map.entry("hireload:s3Prefix", "hr/"),
                Map.entry("hireload:logRetentionDays", "90"),
                Map.entry("hireload:javaOpts", "-XX:MaxRAMPercentage=60"),
                Map.entry("hireload:alarmEmail", "oncall@example.com"),
                Map.entry("hireload:migrationLockWaitSeconds", "300"),
                Map.entry("hireload:requestsPerAddress", "500")));
    }

    @Test
    void namesAndSizesFollowTheContext() {
        var task = synth.onlyProperties("AWS::ECS::TaskDefinition");

        assertThat(synth.assembly().getStacks().get(0).getStackName()).isEqualTo("HireloadStaging");
        assertThat(task).containsEntry("Cpu", "2048").containsEntry("Memory", "4096");
        assertThat(synth.onlyProperties("AWS::ECS::Service")).containsEntry("DesiredCount", 3);
        assertThat(synth.onlyProperties("AWS::ApplicationAutoScaling::ScalableTarget")).containsEntry("MaxCapacity", 8);
        assertThat(synth.resources("AWS::EC2::NatGateway")).hasSize(2);
        assertThat(synth.resources("AWS::RDS::DBInstance")).hasSize(2);
        assertThat(synth.onlyProperties("AWS::RDS::DBCluster"))
                .containsEntry("DeletionProtection", false)
                .containsEntry("ServerlessV2ScalingConfiguration", Map.of("MinCapacity", 0.5, "MaxCapacity", 16));
        assertThat(synth.resources("AWS::S3::Bucket").values()).extracting(b -> map(b.get("Properties")).get("BucketName"))
                .contains("acme-hireload-staging");
        assertThat(synth.resources("AWS::Logs::LogGroup").values())
                .allSatisfy(group -> assertThat(map(group.get("Properties"))).containsEntry("RetentionInDays", 90));
        // Deletion protection off for a throwaway stack: the cluster's and the load balancer's.
        synth.template().hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of(
                "LoadBalancerAttributes", Match.arrayWith(List.of(Map.of("Key", "deletion_protection.enabled", "Value", "false"))))));
    }

    @Test
    void theWebAclLimitsEachAddressToTheContextsRate() {
        assertThat(synth.onlyProperties("AWS::WAFv2::WebACL").toString()).contains("Limit=500");
    }

    @Test
    void aPrebuiltImageNeedsNoDockerAsset() throws IOException {
        var container = map(list(synth.onlyProperties("AWS::ECS::TaskDefinition").get("ContainerDefinitions")).get(0));

        // An ECR image: its URI is rebuilt from the repository, and the execution role may pull from it.
        assertThat(container.get("Image").toString()).contains("123456789012", "hireload-server:1.4.0");
        assertThat(synth.resources("AWS::IAM::Policy").values().toString())
                .contains("ecr:BatchGetImage", "repository/hireload-server");
        assertThat(Files.readString(outDir.resolve("HireloadStaging.assets.json"))).doesNotContain("dockerFile");
        try (var entries = Files.list(outDir)) {
            // CDK's own Lambda code is still staged; no Docker build context is.
            assertThat(entries.filter(p -> p.getFileName().toString().startsWith("asset.")))
                    .noneMatch(p -> Files.exists(p.resolve(ServerImage.DOCKERFILE)));
        }
    }

    @Test
    void aCertificateTurnsOnHttpsAndRedirectsPlainHttp() {
        var listeners = synth.resources("AWS::ElasticLoadBalancingV2::Listener").values().stream()
                .map(l -> map(l.get("Properties"))).toList();

        assertThat(listeners).hasSize(2);
        assertThat(map(synth.template().toJSON().get("Parameters"))).as("no certificate parameter")
                .doesNotContainKey("CertificateArn");
        assertThat(listeners).anySatisfy(l -> assertThat(l)
                .containsEntry("Port", 443).containsEntry("Protocol", "HTTPS")
                .containsEntry("SslPolicy", "ELBSecurityPolicy-TLS13-1-3-2021-06")
                .containsEntry("Certificates", List.of(Map.of("CertificateArn", CERTIFICATE))));
        assertThat(listeners).anySatisfy(l -> assertThat(l).containsEntry("Port", 80)
                .satisfies(http -> assertThat(map(list(http.get("DefaultActions")).get(0))).containsEntry("Type", "redirect")));
    }

    @Test
    void alarmsMailTheOnCallAddressAndTheGracePeriodFollowsTheLockWait() {
        synth.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "oncall@example.com", "TopicArn", Match.anyValue()));
        synth.template().hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "HealthCheckGracePeriodSeconds", 300 + ServerService.SERVER_START_SECONDS)));
    }

    @Test
    void theOverriddenStackPassesCdkNagAndCfnLintToo() throws Exception {
        assertThat(Reviews.findings(synth.assembly())).isEmpty();
        var lint = Reviews.cfnLint(Path.of(synth.assembly().getStacks().get(0).getTemplateFullPath()));
        assertThat(lint.output()).isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void thePrefixReachesTheServerAndItsPermissions() {
        var container = map(list(synth.onlyProperties("AWS::ECS::TaskDefinition").get("ContainerDefinitions")).get(0));
        var taskRole = target(synth.onlyProperties("AWS::ECS::TaskDefinition").get("TaskRoleArn"));
        var objectKeys = synth.statementsOfRole(taskRole).stream()
                .filter(s -> actions(s).anyMatch(a -> a.equals("s3:GetObject") || a.equals("s3:PutObject")))
                .flatMap(s -> asList(s.get("Resource")).stream())
                .map(Synthesized::joinedSuffix)
                .toList();

        assertThat(list(container.get("Environment"))).contains(
                Map.of("Name", "S3_PREFIX", "Value", "hr/"),
                Map.of("Name", "JAVA_OPTS", "Value", "-XX:MaxRAMPercentage=60"));
        assertThat(objectKeys).isNotEmpty().allSatisfy(key -> assertThat(key).startsWith("/hr/"));
    }
}
