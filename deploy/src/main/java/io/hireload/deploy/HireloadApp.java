package io.hireload.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app. Writes the cloud assembly (CloudFormation template, asset manifest and the staged
 * Docker context) into, in order of precedence: the {@code synth.out} system property, the first
 * argument, the directory the CDK CLI passes in {@code CDK_OUTDIR}, or {@code ./cdk.out}.
 * It needs neither AWS credentials nor network nor Docker: only node for jsii.
 */
public final class HireloadApp {

    static final String CDK_JSON = "deploy/cdk.json";

    private HireloadApp() {
    }

    public static void main(String[] args) {
        var repoRoot = repoRoot();
        var assembly = synthesize(outDir(args), repoRoot, Map.of());
        // stderr: stdout belongs to the CDK CLI when it runs this app.
        for (var stack : assembly.getStacks()) {
            System.err.println("hireload: synthesized stack " + stack.getStackName() + " into "
                    + stack.getTemplateFullPath());
        }
    }

    /**
     * Synthesizes the app. {@code outDir} null leaves the choice to CDK ({@code CDK_OUTDIR}).
     * {@code context} adds CDK context, e.g. {@code hireload:desiredCount}, over any the CLI passed.
     */
    public static CloudAssembly synthesize(Path outDir, Path repoRoot, Map<String, ?> context) {
        // cdk.json's context (CDK's recommended feature flags) under the caller's: the CDK CLI passes
        // the same file's values, so make synth, the tests and cdk deploy build one template.
        var merged = new LinkedHashMap<String, Object>(cdkJsonContext(repoRoot));
        merged.putAll(context);
        var props = AppProps.builder().context(merged);
        if (outDir != null) {
            props.outdir(outDir.toAbsolutePath().toString());
        }
        var app = new App(props.build());
        var settings = HireloadSettings.fromContext(key -> app.getNode().tryGetContext(key));
        var stack = new HireloadStack(app, settings, repoRoot);
        Reviewed.acceptEverywhere(stack, Reviewed.NIST + "IAMNoInlinePolicy", "CDK writes each role's grants as a "
                + "policy attached to that role alone, created and deleted with it; each statement is scoped and reviewed "
                + "where it is granted. A managed policy would only let other principals attach the same rights.");
        Tags.of(app).add("app", "hireload");
        // cdk-nag's AwsSolutions rules and its NIST 800-53 rev 5 pack: a finding not suppressed with a
        // reason (Reviewed) is an error annotation, which fails cdk deploy and the deploy tests.
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new NIST80053R5Checks(NagPackProps.builder().verbose(true).build()));
        return app.synth();
    }

    /** The {@code context} object of deploy/cdk.json. */
    static Map<String, Object> cdkJsonContext(Path repoRoot) {
        var file = repoRoot.resolve(CDK_JSON);
        try {
            var context = new ObjectMapper().readTree(file.toFile()).path("context");
            return new ObjectMapper().convertValue(context, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Path outDir(String[] args) {
        var property = System.getProperty("synth.out", "").strip();
        if (!property.isEmpty()) {
            return Path.of(property);
        }
        if (args.length > 0 && !args[0].isBlank()) {
            return Path.of(args[0]);
        }
        var cdkOutdir = System.getenv("CDK_OUTDIR");
        if (cdkOutdir != null && !cdkOutdir.isBlank()) {
            return null;
        }
        return Path.of("cdk.out");
    }

    /** The Docker build context: set by the build (hireload.repo.root), else found above the working directory. */
    static Path repoRoot() {
        var property = System.getProperty("hireload.repo.root", "").strip();
        if (!property.isEmpty()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(ServerImage.DOCKERFILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find " + ServerImage.DOCKERFILE
                + " above the working directory; set -Dhireload.repo.root=<repository root>");
    }
}
