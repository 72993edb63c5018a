package io.hireload.deploy;

import static io.hireload.deploy.Synthesized.list;
import static io.hireload.deploy.Synthesized.map;
import static io.hireload.deploy.Synthesized.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.hireload.model.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task role's synthesized policies, evaluated by an IAM policy simulator against every S3,
 * KMS and SQS call the server makes (io.hireload.s3, files, backup, auto), with the bucket's,
 * queue's and key's own policies and a TLS request, as AWS would evaluate them: each must be
 * allowed. Calls the server never makes must be denied. The keys come from the server's own
 * bucket layout (shared-model's BucketLayout: where a table's files are listed, uploaded, backed
 * up), at the bucket root and under a prefix.
 */
class IamSimulationTest {

    @TempDir
    static Path rootOut;
    @TempDir
    static Path prefixedOut;

    private static Synthesized root;
    private static Synthesized prefixed;

    @BeforeAll
    static void synthesize() {
        root = Synthesized.of(rootOut, Map.of());
        prefixed = Synthesized.of(prefixedOut, Map.of("hireload:s3Prefix", "hr/"));
    }

    @Test
    void everyCallTheServerMakesIsAllowedAtTheBucketRoot() {
        assertAllowed(root, "");
    }

    @Test
    void everyCallTheServerMakesIsAllowedUnderAPrefix() {
        assertAllowed(prefixed, "hr/");
    }

    @Test
    void callsTheServerNeverMakesAreDenied() {
        var stack = new Stack(root);
        var layout = new BucketLayout("").server();
        var upload = layout.uploadFolder(TableName.EMPLOYEES) + "hired_employees.csv";
        var calls = List.of(
                stack.s3("it never deletes a file", "s3:DeleteObject", upload),
                stack.s3("it never deletes a backup", "s3:DeleteObject", layout.backupKey(TableName.JOBS, "b.avro")),
                stack.s3("it never writes the seed's flat files", "s3:PutObject", layout.flatFile(TableName.DEPARTMENTS)),
                stack.s3("it never writes the seed's folders", "s3:PutObject", layout.folders(TableName.JOBS).get(1) + "jobs.csv"),
                stack.s3("it reads nothing outside the layout", "s3:GetObject", "payroll/salaries.csv"),
                stack.s3("it reads no other version", "s3:GetObjectVersion", upload),
                stack.bucket("it changes no bucket policy", "s3:PutBucketPolicy"),
                stack.sqs("it never sends to the queue", "sqs:SendMessage"),
                stack.sqs("it never purges the queue", "sqs:PurgeQueue"),
                stack.kms("it never uses the data key outside S3", "kms:Decrypt", Map.of()));

        var decisions = IamSimulator.evaluate(stack.principal(), Literal.ACCOUNT, stack.identityPolicies(), calls);

        assertThat(decisions).hasSize(calls.size());
        assertThat(decisions.stream().filter(d -> !d.result().endsWith("Denied")).map(IamSimulationTest::describe))
                .as("calls the server never makes that the policies allow").isEmpty();
    }

    private static void assertAllowed(Synthesized synth, String prefix) {
        var stack = new Stack(synth);
        var calls = serverCalls(stack, new BucketLayout(prefix).server());

        var decisions = IamSimulator.evaluate(stack.principal(), Literal.ACCOUNT, stack.identityPolicies(), calls);

        assertThat(decisions).hasSize(calls.size());
        assertThat(decisions.stream().filter(d -> !d.result().equals("Allowed")).map(IamSimulationTest::describe))
                .as("calls of the server the policies refuse").isEmpty();
    }

    private static String describe(IamSimulator.Decision d) {
        return d.call().why() + ": " + d.call().action() + " on " + d.call().resource() + " " + d.call().context()
                + " -> " + d.result() + (d.errors() == null ? "" : " " + d.errors());
    }

    /** Every call of the server's code, by where it is made. */
    private static List<IamSimulator.Call> serverCalls(Stack stack, io.hireload.model.BucketLayout layout) {
        var calls = new ArrayList<IamSimulator.Call>();
        calls.add(stack.listing("S3Probe: readiness and /health-s3 list under the prefix", layout.prefix()));
        for (var table : TableName.values()) {
            for (var folder : layout.folders(table)) {
                calls.add(stack.listing("CsvObjects.list: a table's folder", folder));
                for (var name : List.of("part-1.csv", "part-2.csv.gz", "2026/12/drop.csv")) {
                    calls.add(stack.s3("CsvObjects.open/head: a file in a table folder", "s3:GetObject", folder + name));
                }
            }
            calls.add(stack.listing("CsvObjects.list: the seed's flat file", layout.flatFile(table)));
            for (var flat : layout.flatFileKeys(table)) {
                calls.add(stack.s3("CsvObjects.open/head: the seed's flat file, plain or gzipped", "s3:GetObject", flat));
            }
            var upload = layout.uploadFolder(table) + "upload.csv";
            // S3Upload: a small body in one PutObject, a large one in parts (CreateMultipartUpload,
            // UploadPart, CompleteMultipartUpload are all authorized as s3:PutObject), aborted on failure.
            calls.add(stack.s3("FileUploads.upload: PUT /files/{table}/{name}, fix and resend", "s3:PutObject", upload));
            calls.add(stack.s3("S3Upload: abort of a failed multipart upload", "s3:AbortMultipartUpload", upload));
            var backup = layout.backupKey(table, "20261206T120000Z.avro");
            calls.add(stack.s3("BackupStore.keep: a backup file", "s3:PutObject", backup));
            calls.add(stack.s3("S3Upload: abort of a failed backup upload", "s3:AbortMultipartUpload", backup));
            calls.add(stack.s3("BackupStore.fetch: a restore reads its backup", "s3:GetObject", backup));
        }
        var viaS3 = Map.<String, Object>of("kms:ViaService", "s3." + Literal.REGION + ".amazonaws.com");
        calls.add(stack.kms("S3 decrypts what the server reads with the bucket key", "kms:Decrypt", viaS3));
        calls.add(stack.kms("S3 encrypts what the server writes with the bucket key", "kms:GenerateDataKey", viaS3));
        calls.add(stack.sqs("EventQueue.poll: receive load events", "sqs:ReceiveMessage"));
        calls.add(stack.sqs("EventQueue.handle: delete a handled event", "sqs:DeleteMessage"));
        return calls;
    }

    /** The synthesized stack's task role, bucket, key and queue, as literals. */
    private record Stack(Synthesized synth, Literal literal, String taskRole, String bucket, String key, String queue) {
        Stack(Synthesized synth) {
            this(synth, Literal.of(synth), target(synth.onlyProperties("AWS::ECS::TaskDefinition").get("TaskRoleArn")),
                    synth.resources("AWS::S3::Bucket").keySet().stream().filter(id -> id.startsWith("Data"))
                            .findFirst().orElseThrow(),
                    synth.resources("AWS::KMS::Key").keySet().stream().filter(id -> id.startsWith("KeysData"))
                            .findFirst().orElseThrow(),
                    synth.resources("AWS::SQS::Queue").entrySet().stream()
                            .filter(e -> map(e.getValue().get("Properties")).containsKey("RedrivePolicy"))
                            .map(Map.Entry::getKey).findFirst().orElseThrow());
        }

        String principal() {
            return literal.getAtt(taskRole, "Arn");
        }

        List<Object> identityPolicies() {
            return synth.resources("AWS::IAM::Policy").values().stream()
                    .map(policy -> map(policy.get("Properties")))
                    .filter(props -> list(props.get("Roles")).stream().anyMatch(r -> target(r).equals(taskRole)))
                    .map(props -> literal.resolve(props.get("PolicyDocument")))
                    .toList();
        }

        IamSimulator.Call s3(String why, String action, String key) {
            return new IamSimulator.Call(why, action, literal.getAtt(bucket, "Arn") + "/" + key, tls(Map.of()),
                    policyOf("AWS::S3::BucketPolicy", "Bucket", bucket));
        }

        IamSimulator.Call listing(String why, String prefix) {
            return new IamSimulator.Call(why, "s3:ListBucket", literal.getAtt(bucket, "Arn"),
                    tls(Map.of("s3:prefix", prefix)), policyOf("AWS::S3::BucketPolicy", "Bucket", bucket));
        }

        IamSimulator.Call bucket(String why, String action) {
            return new IamSimulator.Call(why, action, literal.getAtt(bucket, "Arn"), tls(Map.of()),
                    policyOf("AWS::S3::BucketPolicy", "Bucket", bucket));
        }

        IamSimulator.Call sqs(String why, String action) {
            return new IamSimulator.Call(why, action, literal.getAtt(queue, "Arn"), tls(Map.of()),
                    policyOf("AWS::SQS::QueuePolicy", "Queues", queue));
        }

        IamSimulator.Call kms(String why, String action, Map<String, Object> context) {
            return new IamSimulator.Call(why, action, literal.getAtt(key, "Arn"), tls(context),
                    literal.resolve(map(synth.resource(key).get("Properties")).get("KeyPolicy")));
        }

        /** The server's SDK speaks HTTPS only; the policies refuse anything else. */
        private static Map<String, Object> tls(Map<String, Object> context) {
            var all = new java.util.LinkedHashMap<String, Object>(context);
            all.put("aws:SecureTransport", "true");
            return all;
        }

        /** The resource policy of a bucket or queue, or null when it has none. */
        private Object policyOf(String type, String property, String id) {
            return synth.resources(type).values().stream()
                    .map(p -> map(p.get("Properties")))
                    .filter(p -> Synthesized.asList(p.get(property)).stream().anyMatch(r -> target(r).equals(id)))
                    .map(p -> literal.resolve(p.get("PolicyDocument")))
                    .findFirst().orElse(null);
        }
    }
}
