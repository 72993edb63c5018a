package io.hireload.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * One synthesis of the app (the slow part: jsii drives node) and helpers to read its template.
 * Test classes build one in {@code @BeforeAll} and share it.
 */
record Synthesized(Path outDir, CloudAssembly assembly, Template template) {

    static Synthesized of(Path outDir, Map<String, ?> context) {
        var assembly = HireloadApp.synthesize(outDir, HireloadApp.repoRoot(), context);
        assertThat(assembly.getStacks()).hasSize(1);
        return new Synthesized(outDir, assembly, Template.fromJSON(map(assembly.getStacks().get(0).getTemplate())));
    }

    /** Logical id to resource (Type, Properties, DeletionPolicy, ...). */
    Map<String, Map<String, Object>> resources(String type) {
        return template.findResources(type);
    }

    /** The Properties of the one resource of that type; fails when there is not exactly one. */
    Map<String, Object> onlyProperties(String type) {
        var found = resources(type);
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return map(found.values().iterator().next().get("Properties"));
    }

    Map<String, Object> resource(String logicalId) {
        return map(map(template.toJSON().get("Resources")).get(logicalId));
    }

    /** The logical id a {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, attr]}} points to. */
    static String target(Object reference) {
        var ref = map(reference);
        if (ref.containsKey("Ref")) {
            return (String) ref.get("Ref");
        }
        return (String) list(ref.get("Fn::GetAtt")).get(0);
    }

    /** The literal tail of an ARN built as {@code Fn::Join ["", [bucketArn, "/key/*"]]}. */
    static String joinedSuffix(Object value) {
        var parts = list(list(map(value).get("Fn::Join")).get(1));
        return (String) parts.get(parts.size() - 1);
    }

    /** Statement Resource values are a single value or a list of them. */
    static List<Object> asList(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }

    /** All statements of the IAM policies attached to one role. */
    List<Map<String, Object>> statementsOfRole(String roleLogicalId) {
        return resources("AWS::IAM::Policy").values().stream()
                .map(policy -> map(policy.get("Properties")))
                .filter(props -> list(props.get("Roles")).stream().anyMatch(r -> target(r).equals(roleLogicalId)))
                .flatMap(props -> list(map(props.get("PolicyDocument")).get("Statement")).stream().map(Synthesized::map))
                .toList();
    }

    static Stream<String> actions(Map<String, Object> statement) {
        return asList(statement.get("Action")).stream().map(String.class::cast);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
