package io.hireload.deploy;

import static io.hireload.deploy.Synthesized.list;
import static io.hireload.deploy.Synthesized.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A template's values as a deployed stack would see them, for the simulator: pseudo parameters,
 * {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Join} replaced by literals in one made-up account
 * and region ({@link #ACCOUNT}, {@link #REGION}), each resource named after its logical id.
 */
record Literal(Map<String, Object> resources) {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";

    static Literal of(Synthesized synth) {
        return new Literal(map(synth.template().toJSON().get("Resources")));
    }

    /** A bucket's name: the logical id in lower case. */
    static String bucketName(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT);
    }

    Object resolve(Object value) {
        if (value instanceof List<?> items) {
            return items.stream().map(this::resolve).toList();
        }
        if (!(value instanceof Map<?, ?> raw)) {
            return value;
        }
        var m = map(raw);
        if (m.size() == 1 && m.containsKey("Ref")) {
            return ref((String) m.get("Ref"));
        }
        if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
            var att = list(m.get("Fn::GetAtt"));
            return getAtt((String) att.get(0), (String) att.get(1));
        }
        if (m.size() == 1 && m.containsKey("Fn::Join")) {
            var join = list(m.get("Fn::Join"));
            return list(resolve(join.get(1))).stream().map(String::valueOf)
                    .collect(Collectors.joining((String) join.get(0)));
        }
        var resolved = new LinkedHashMap<String, Object>();
        m.forEach((k, v) -> resolved.put(k, resolve(v)));
        return resolved;
    }

    String ref(String id) {
        return switch (id) {
            case "AWS::Partition" -> "aws";
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> "Hireload";
            default -> switch (type(id)) {
                case "AWS::S3::Bucket" -> bucketName(id);
                case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + id;
                default -> id;
            };
        };
    }

    String getAtt(String id, String attribute) {
        if (!attribute.equals("Arn")) {
            return id + "." + attribute;
        }
        return switch (type(id)) {
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + bucketName(id);
            case "AWS::SQS::Queue" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + id;
            case "AWS::KMS::Key" -> "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + id;
            case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + id;
            case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + id + ":*";
            default -> "arn:aws:unknown:" + REGION + ":" + ACCOUNT + ":" + id;
        };
    }

    private String type(String id) {
        var resource = resources.get(id);
        return resource == null ? "" : (String) map(resource).get("Type");
    }
}
