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
    void vpcSpansTwoZonesInThreeTiersWithANatGatewayInEach() {
        var subnets = synth.resources("AWS::EC2::Subnet").values();

        assertThat(subnets).hasSize(6);
        assertThat(subnets).allSatisfy(subnet -> assertThat(map(map(subnet.get("Properties")).get("AvailabilityZone")))
                .containsKey("Fn::Select"));
        assertThat(subnets.stream().map(HireloadStackTest::subnetType).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("Public", "Public", "Private", "Private", "Isolated", "Isolated");
        assertThat(synth.resources("AWS::EC2::NatGateway").values()).hasSize(2)
                .extracting(n -> target(map(n.get("Properties")).get("SubnetId"))).doesNotHaveDuplicates();
        assertThat(subnets).allSatisfy(subnet -> assertThat(map(subnet.get("Properties")))
                .containsEntry("MapPublicIpOnLaunch", false));
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
                        "SecretStringTemplate", Map.of("Fn::Join", List.of("", List.of(
                                "{\"username\":\"" + Database.APP_USER + "\",\"masterarn\":\"",
                                Map.of("Ref", masterSecretAttachmentId()), "\"}"))))))));
    }

    @Test
    void bothContainersRunOnAReadOnlyRootWithWritableVolumesOnlyWhereNeeded() {
        template().hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "Volumes", List.of(Map.of("Name", "tmp"), Map.of("Name", "data"), Map.of("Name", "exec-agent-0"),
                        Map.of("Name", "exec-agent-1")))));
        assertThat(container("server")).containsEntry("ReadonlyRootFilesystem", true)
                .containsEntry("MountPoints", List.of(
                        Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp"),
                        Map.of("ContainerPath", "/var/lib/hireload", "ReadOnly", false, "SourceVolume", "data"),
                        Map.of("ContainerPath", "/var/lib/amazon", "ReadOnly", false, "SourceVolume", "exec-agent-0"),
                        Map.of("ContainerPath", "/var/log/amazon", "ReadOnly", false, "SourceVolume", "exec-agent-1")));
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
        template().hasResourceProperties("Custom::LogRetention", Match.objectLike(Map.of("RetentionInDays", 365)));
        template().hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of("MonitoringInterval", 60)));
        assertThat(environment(container("server"))).containsEntry("HIRELOAD_LOG_FORMAT", "json");
    }

    @Test
    void alarmsWatchErrorsHealthTheDatabaseAndFailedLoadsAndGuardDeployments() {
        var alarms = synth.resources("AWS::CloudWatch::Alarm");
        var topic = synth.resources("AWS::SNS::Topic").keySet().iterator().next();

        assertThat(alarms.values()).extracting(a -> map(a.get("Properties")).get("MetricName"))
                .containsExactlyInAnyOrder("HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "UnHealthyHostCount",
                        "CPUUtilization", "FreeableMemory", "DatabaseConnections", "ACUUtilization", "LoadsFailed",
                        "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage");
        // Connections above what maxTasks tasks open at most; events waiting an hour; 90 % of dbMaxAcu.
        template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "DatabaseConnections", "Threshold", 6 * 18 + 1)));
        template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 3600, "Namespace", "AWS/SQS")));
        template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ACUUtilization", "Threshold", 90, "Namespace", "AWS/RDS")));
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
    void cdkNagAwsSolutionsAndNist80053R5FindNothingUnreviewedAndEachAcceptanceSaysWhy() {
        var suppressions = map(synth.template().toJSON().get("Resources")).values().stream()
                .map(r -> map(map(r).getOrDefault("Metadata", Map.of())).get("cdk_nag"))
                .filter(Objects::nonNull)
                .flatMap(n -> list(map(n).get("rules_to_suppress")).stream().map(Synthesized::map))
                .toList();
        var stackWide = list(map(map(synth.template().toJSON().get("Metadata")).get("cdk_nag")).get("rules_to_suppress"))
                .stream().map(Synthesized::map).toList();

        assertThat(Reviews.findings(synth.assembly())).isEmpty();
        assertThat(suppressions).isNotEmpty().allSatisfy(rule -> assertThat((String) rule.get("reason")).hasSizeGreaterThan(40));
        assertThat(suppressions).extracting(rule -> (String) rule.get("id")).containsOnly(
                "AwsSolutions-SMG4", "AwsSolutions-RDS6", "AwsSolutions-IAM4", "AwsSolutions-IAM5",
                "AwsSolutions-EC23", "AwsSolutions-ECS2",
                "NIST.800.53.R5-SecretsManagerRotationEnabled", "NIST.800.53.R5-S3BucketReplicationEnabled",
                "NIST.800.53.R5-S3DefaultEncryptionKMS", "NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW",
                "NIST.800.53.R5-RDSInBackupPlan", "NIST.800.53.R5-ELBv2ACMCertificateRequired",
                "NIST.800.53.R5-LambdaConcurrency", "NIST.800.53.R5-LambdaDLQ");
        // Only the URL secret, which holds no credential, goes without rotation.
        assertThat(map(synth.template().toJSON().get("Resources")).entrySet().stream()
                .filter(e -> map(e.getValue()).getOrDefault("Metadata", Map.of()).toString().contains("SMG4"))
                .map(Map.Entry::getKey)).singleElement().asString().startsWith("DatabaseUrlSecret");
        assertThat(stackWide).singleElement().satisfies(rule -> assertThat(rule)
                .containsEntry("id", "NIST.800.53.R5-IAMNoInlinePolicy")
                .satisfies(r -> assertThat((String) r.get("reason")).hasSizeGreaterThan(40)));
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
        assertThat(cluster).containsEntry("KmsKeyId", Map.of("Fn::GetAtt", List.of(dataKeyId(), "Arn")));
        assertThat(clusters.values().iterator().next()).containsEntry("DeletionPolicy", "Snapshot");
        // A writer and a reader: a zone's loss is a promotion.
        assertThat(synth.resources("AWS::RDS::DBInstance").values())
                .hasSize(2)
                .allSatisfy(i -> assertThat(map(i.get("Properties"))).containsEntry("DBInstanceClass", "db.serverless")
                        .containsEntry("PubliclyAccessible", false));
        assertThat(list(subnetGroup.get("SubnetIds"))).hasSize(2)
                .allSatisfy(s -> assertThat(subnetTypeOf(s)).isEqualTo("Isolated"));
    }

    @Test
    void onlyTheServiceAndTheRotationFunctionsReachTheDatabase() {
        var clusterGroup = target(list(synth.onlyProperties("AWS::RDS::DBCluster").get("VpcSecurityGroupIds")).get(0));
        var serviceGroup = target(list(map(map(synth.onlyProperties("AWS::ECS::Service").get("NetworkConfiguration"))
                .get("AwsvpcConfiguration")).get("SecurityGroups")).get(0));

        var intoDatabase = synth.resources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(i -> map(i.get("Properties")))
                .filter(p -> target(p.get("GroupId")).equals(clusterGroup))
                .toList();
        var rotationGroup = synth.resources("AWS::EC2::SecurityGroup").keySet().stream()
                .filter(id -> id.startsWith("DatabaseRotationSecurityGroup")).findFirst().orElseThrow();
        assertThat(intoDatabase).extracting(rule -> target(rule.get("SourceSecurityGroupId")))
                .containsExactlyInAnyOrder(serviceGroup, rotationGroup);
        assertThat(intoDatabase).allSatisfy(rule -> assertThat(rule).containsEntry("FromPort", Database.PORT)
                .containsEntry("ToPort", Database.PORT));
        assertThat(map(synth.resource(clusterGroup).get("Properties"))).doesNotContainKey("SecurityGroupIngress");
    }

    @Test
    void bucketIsEncryptedPrivateVersionedAndTlsOnly() {
        var bucket = map(synth.resource(bucketId()).get("Properties"));
        var policy = synth.resources("AWS::S3::BucketPolicy").values().stream().map(p -> map(p.get("Properties")))
                .filter(p -> target(p.get("Bucket")).equals(bucketId())).findFirst().orElseThrow();

        assertThat(bucket.get("BucketEncryption")).isEqualTo(Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                "BucketKeyEnabled", true, "ServerSideEncryptionByDefault", Map.of(
                        "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(dataKeyId(), "Arn")), "SSEAlgorithm", "aws:kms")))));
        assertThat(bucket).containsEntry("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket).containsEntry("VersioningConfiguration", Map.of("Status", "Enabled"));
        assertThat(synth.resource(bucketId())).containsEntry("DeletionPolicy", "Retain");
        assertThat(list(map(policy.get("PolicyDocument")).get("Statement"))).anySatisfy(s -> assertThat(map(s))
                .containsEntry("Effect", "Deny")
                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    /** The object keys in words; IamSimulationTest evaluates the same policies call by call. */
    @Test
    void taskRoleReadsTheTableSourcesAndWritesOnlyUploadsAndBackups() {
        var taskRole = target(synth.onlyProperties("AWS::ECS::TaskDefinition").get("TaskRoleArn"));
        var statements = synth.statementsOfRole(taskRole);

        assertThat(statements).flatExtracting(s -> actions(s).toList())
                .filteredOn(a -> a.startsWith("s3:") || a.startsWith("sqs:"))
                .containsOnly("s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload",
                        "sqs:ReceiveMessage", "sqs:DeleteMessage");
        assertThat(statements).flatExtracting(s -> actions(s).toList())
                .allSatisfy(a -> assertThat(a).matches("(s3|sqs|kms|ssmmessages|logs):.*"));
        assertThat(keysAllowed(statements, "s3:GetObject")).containsExactlyInAnyOrder(
                "/departments/*", "/jobs/*", "/employees/*", "/Department/*", "/Job/*", "/Employee/*",
                "/departments.csv", "/departments.csv.gz", "/jobs.csv", "/jobs.csv.gz", "/hired_employees.csv",
                "/hired_employees.csv.gz", "/backups/*");
        assertThat(keysAllowed(statements, "s3:PutObject")).containsExactlyInAnyOrder(
                "/departments/*", "/jobs/*", "/employees/*", "/backups/*");
        assertThat(keysAllowed(statements, "s3:AbortMultipartUpload")).containsExactlyInAnyOrder(
                "/departments/*", "/jobs/*", "/employees/*", "/backups/*");
    }

    @Test
    void logsGoToCloudWatchWithRetention() {
        var logGroups = synth.resources("AWS::Logs::LogGroup");
        var logGroupId = logGroups.keySet().stream().filter(id -> id.startsWith("ServerLogs")).findFirst().orElseThrow();
        var logging = map(container("server").get("LogConfiguration"));

        assertThat(logGroups.values()).hasSize(3).allSatisfy(group -> assertThat(map(group.get("Properties")))
                .containsEntry("RetentionInDays", 365)
                .containsEntry("KmsKeyId", Map.of("Fn::GetAtt", List.of(logsKeyId(), "Arn"))));
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

    @Test
    void theDatabaseSecretsRotateThemselvesTheAppRoleMultiUserAndTheAdminKeyByAFunctionThatReplacesTheTasks() {
        var schedules = synth.resources("AWS::SecretsManager::RotationSchedule").values().stream()
                .map(r -> map(r.get("Properties"))).toList();
        var hosted = schedules.stream().filter(r -> r.containsKey("HostedRotationLambda"))
                .map(r -> map(r.get("HostedRotationLambda"))).toList();

        assertThat(schedules).hasSize(3);
        assertThat(hosted).extracting(h -> h.get("RotationType"))
                .containsExactlyInAnyOrder("PostgreSQLSingleUser", "PostgreSQLMultiUser");
        assertThat(hosted).allSatisfy(h -> assertThat(h).containsEntry("KmsKeyArn",
                Map.of("Fn::GetAtt", List.of(dataKeyId(), "Arn"))));
        assertThat(schedules).filteredOn(r -> r.containsKey("HostedRotationLambda"))
                .allSatisfy(r -> assertThat(r.get("RotationRules")).isEqualTo(Map.of("ScheduleExpression", "rate(30 days)")));
        assertThat(schedules).filteredOn(r -> r.containsKey("RotationLambdaARN")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("SecretId", Map.of("Ref", adminKeyId()))
                        .containsEntry("RotationRules", Map.of("ScheduleExpression", "rate(90 days)")));
        var function = synth.resources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> e.getKey().startsWith("AdminKeyRotation")).findFirst().orElseThrow();
        assertThat(map(map(map(function.getValue().get("Properties")).get("Code"))).get("ZipFile").toString())
                .contains("put_secret_value", "update_secret_version_stage", "forceNewDeployment=True");
        // The function may replace this service's tasks and nothing else on ECS.
        assertThat(synth.resources("AWS::IAM::Policy").values().stream()
                .flatMap(p -> list(map(map(p.get("Properties")).get("PolicyDocument")).get("Statement")).stream())
                .map(Synthesized::map).filter(st -> actions(st).anyMatch(a -> a.startsWith("ecs:Update"))).toList())
                .singleElement().satisfies(st -> assertThat(st.get("Resource")).isEqualTo(Map.of("Ref", serviceId())));
        template().hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(7 days)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt", List.of(function.getKey(), "Arn"))))))));
        assertThat(AdminKey.TASK_REFRESH_DAYS).isLessThan(Database.ROTATION_DAYS);
    }

    @Test
    void aWebAclWithARateRuleAndAwsManagedRulesGuardsTheLoadBalancerAndLogsWithoutKeys() {
        var acl = synth.onlyProperties("AWS::WAFv2::WebACL");
        var aclId = synth.resources("AWS::WAFv2::WebACL").keySet().iterator().next();
        var rules = list(acl.get("Rules")).stream().map(Synthesized::map).toList();

        assertThat(acl).containsEntry("Scope", "REGIONAL").containsEntry("DefaultAction", Map.of("Allow", Map.of()));
        assertThat(rules.get(0)).containsEntry("Action", Map.of("Block", Map.of()))
                .containsEntry("Statement", Map.of("RateBasedStatement", Map.of(
                        "AggregateKeyType", "IP", "Limit", 2000, "EvaluationWindowSec", 300)));
        assertThat(rules.subList(1, rules.size())).extracting(r -> map(map(r.get("Statement"))
                .get("ManagedRuleGroupStatement")).get("Name")).containsExactlyElementsOf(WebFirewall.MANAGED_GROUPS);
        assertThat(map(map(rules.get(1).get("Statement")).get("ManagedRuleGroupStatement")).get("RuleActionOverrides"))
                .isEqualTo(List.of(Map.of("Name", WebFirewall.BODY_SIZE_RULE, "ActionToUse", Map.of("Count", Map.of()))));
        assertThat(synth.onlyProperties("AWS::WAFv2::WebACLAssociation")).containsEntry("ResourceArn",
                Map.of("Ref", synth.resources("AWS::ElasticLoadBalancingV2::LoadBalancer").keySet().iterator().next()))
                .containsEntry("WebACLArn", Map.of("Fn::GetAtt", List.of(aclId, "Arn")));
        assertThat(synth.onlyProperties("AWS::WAFv2::LoggingConfiguration").get("RedactedFields"))
                .isEqualTo(List.of(Map.of("SingleHeader", Map.of("Name", "authorization"))));
    }

    @Test
    void theClusterIsInABackupPlanWithAVaultOfTheDataKey() {
        var plan = map(synth.onlyProperties("AWS::Backup::BackupPlan").get("BackupPlan"));
        var rule = map(list(plan.get("BackupPlanRule")).get(0));

        assertThat(rule).containsEntry("EnableContinuousBackup", true)
                .containsEntry("Lifecycle", Map.of("DeleteAfterDays", Backups.DAILY_DAYS));
        assertThat(synth.onlyProperties("AWS::Backup::BackupVault")).containsEntry("EncryptionKeyArn",
                Map.of("Fn::GetAtt", List.of(dataKeyId(), "Arn")));
        assertThat(synth.onlyProperties("AWS::Backup::BackupSelection").toString())
                .contains(synth.resources("AWS::RDS::DBCluster").keySet().iterator().next());
    }

    @Test
    void operatorsMayExecIntoATaskWithEverySessionEncryptedAndLogged() {
        var cluster = synth.onlyProperties("AWS::ECS::Cluster");
        var exec = map(map(cluster.get("Configuration")).get("ExecuteCommandConfiguration"));
        var serverLogs = synth.resources("AWS::Logs::LogGroup").keySet().stream()
                .filter(id -> id.startsWith("ServerLogs")).findFirst().orElseThrow();

        assertThat(synth.onlyProperties("AWS::ECS::Service")).containsEntry("EnableExecuteCommand", true);
        assertThat(exec).containsEntry("Logging", "OVERRIDE")
                .containsEntry("KmsKeyId", Map.of("Fn::GetAtt", List.of(logsKeyId(), "Arn")))
                .containsEntry("LogConfiguration", Map.of("CloudWatchEncryptionEnabled", true,
                        "CloudWatchLogGroupName", Map.of("Ref", serverLogs)));
        var taskRole = target(synth.onlyProperties("AWS::ECS::TaskDefinition").get("TaskRoleArn"));
        assertThat(synth.statementsOfRole(taskRole)).flatExtracting(st -> actions(st).toList())
                .contains("ssmmessages:CreateControlChannel", "ssmmessages:OpenDataChannel");
    }

    @Test
    void everyRegionDeploysTheAlbLogWritersAreTheServiceAndAMapReadWithADefault() {
        var json = synth.template().toJSON();
        var auditPolicy = synth.resources("AWS::S3::BucketPolicy").values().stream().map(p -> map(p.get("Properties")))
                .filter(p -> target(p.get("Bucket")).equals(auditBucketId())).findFirst().orElseThrow();

        assertThat(auditPolicy.toString()).contains("Service=" + AuditLogs.ALB_LOG_DELIVERY);
        // Every Fn::FindInMap in the template has a default: a region the map lacks still deploys.
        var findInMaps = new java.util.ArrayList<List<Object>>();
        collect(json, "Fn::FindInMap", findInMaps);
        assertThat(findInMaps).isNotEmpty().allSatisfy(f -> assertThat(f).hasSize(4)
                .last().satisfies(d -> assertThat(map(d)).containsKey("DefaultValue")));
        // Listed first: the hosted rotations' transform then sees the mapping's read already resolved.
        assertThat(list(json.get("Transform"))).first().isEqualTo(HireloadStack.LANGUAGE_EXTENSIONS);
    }

    @Test
    void theImageMakesEveryWritableMountOfTheServerItsUsersOwn() throws IOException {
        // No container runtime runs here: the Dockerfile and the task definition are held to each
        // other instead (DockerfileTest starts the image where docker is on PATH).
        var runtime = DockerfileTest.runtimeStage(HireloadApp.repoRoot());
        var volumes = DockerfileTest.volumes(runtime);
        var server = container("server");
        var writable = list(server.get("MountPoints")).stream().map(Synthesized::map)
                .filter(m -> Boolean.FALSE.equals(m.get("ReadOnly")))
                .map(m -> (String) m.get("ContainerPath"))
                .filter(path -> !ServerService.EXEC_AGENT_DIRS.contains(path))
                .toList();

        System.out.println("HireloadStackTest: no container runtime is used here; checked that the Dockerfile's VOLUMEs "
                + volumes + " cover the server's writable mounts " + writable + " and are its user's");
        assertThat(server).containsEntry("ReadonlyRootFilesystem", true);
        assertThat(writable).containsExactlyInAnyOrder(ServerService.TMP_DIR, ServerService.DATA_DIR);
        assertThat(volumes).containsAll(writable);
        assertThat(DockerfileTest.userOf(runtime)).startsWith("10001");
        assertThat(DockerfileTest.ownedBy(runtime, "hireload:hireload")).contains(ServerService.DATA_DIR);
        assertThat(DockerfileTest.worldWritable(runtime)).contains(ServerService.TMP_DIR);
        assertThat(environment(server)).doesNotContainKey("HIRELOAD_DATA_DIR");
        assertThat(DockerfileTest.env(runtime, "HIRELOAD_DATA_DIR")).isEqualTo(ServerService.DATA_DIR);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, String key, List<List<Object>> into) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (key.equals(k) && v instanceof List<?> l) {
                    into.add((List<Object>) l);
                }
                collect(v, key, into);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collect(item, key, into));
        }
    }

    private static String adminKeyId() {
        return synth.resources("AWS::SecretsManager::Secret").keySet().stream().filter(id -> id.startsWith("AdminKey"))
                .findFirst().orElseThrow();
    }

    private static String serviceId() {
        return synth.resources("AWS::ECS::Service").keySet().iterator().next();
    }

    private static String masterSecretAttachmentId() {
        return synth.resources("AWS::SecretsManager::SecretTargetAttachment").keySet().stream()
                .filter(id -> id.startsWith("DatabaseClusterSecretAttachment")).findFirst().orElseThrow();
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
        // The app role's template names the master secret too, so it is an Fn::Join, not a plain string.
        return synth.resources("AWS::SecretsManager::Secret").entrySet().stream()
                .filter(e -> map(e.getValue().get("Properties")).get("GenerateSecretString") instanceof Map<?, ?> g
                        && g.get("SecretStringTemplate") != null
                        && g.get("SecretStringTemplate").toString().contains("username")
                        && usernameTemplate.test(g.get("SecretStringTemplate").toString()))
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

    private static String dataKeyId() {
        return synth.resources("AWS::KMS::Key").keySet().stream().filter(id -> id.startsWith("KeysData"))
                .findFirst().orElseThrow();
    }

    private static String logsKeyId() {
        return synth.resources("AWS::KMS::Key").keySet().stream().filter(id -> id.startsWith("KeysLogs"))
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
