package io.hireload.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The reviews a template must pass: cdk-nag's findings, cfn-lint, and CDK's recommended flags. */
final class Reviews {
    private Reviews() {
    }

    /** Warnings and errors the synthesis left on the stack (cdk-nag reports its findings as these). */
    static List<String> findings(CloudAssembly assembly) {
        return assembly.getStacks().get(0).getMessages().stream()
                .filter(m -> m.getLevel().name().matches("WARNING|ERROR"))
                .map(m -> m.getLevel() + " " + m.getId() + ": " + m.getEntry().getData())
                .toList();
    }

    /**
     * cfn-lint's output on the template, run from deploy/ so that deploy/.cfnlintrc applies. A test
     * calling it is skipped, saying so, where cfn-lint is not installed (it comes from PyPI only).
     */
    static CfnLint cfnLint(Path template) throws IOException, InterruptedException {
        var executable = onPath("cfn-lint");
        Assumptions.assumeTrue(executable.isPresent(),
                "cfn-lint is not on PATH: the template was not linted (pip install cfn-lint==1.51.0 to run this check)");
        var process = new ProcessBuilder(executable.get().toString(), "--format", "parseable", template.toString())
                .directory(HireloadApp.repoRoot().resolve("deploy").toFile())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        return new CfnLint(process.exitValue(), output);
    }

    record CfnLint(int exitCode, String output) {
    }

    /** The feature flags `cdk init` writes for the aws-cdk-lib on the classpath (its recommended-feature-flags.json). */
    static Map<String, Object> recommendedFlags() throws IOException {
        var bundle = findBundle();
        try (InputStream tar = new GZIPInputStream(bundle)) {
            var header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                var name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").strip();
                var size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
                var body = tar.readNBytes((int) size);
                tar.skipNBytes((512 - size % 512) % 512);
                if (name.equals("package/recommended-feature-flags.json")) {
                    return new ObjectMapper().readValue(body, new TypeReference<Map<String, Object>>() { });
                }
            }
        }
        throw new AssertionError("no recommended-feature-flags.json in aws-cdk-lib's jsii bundle");
    }

    /** The jsii bundle inside the aws-cdk-lib jar, whatever its version. */
    private static InputStream findBundle() throws IOException {
        var jar = Path.of(URI.create(software.amazon.awscdk.App.class.getProtectionDomain().getCodeSource()
                .getLocation().toString()));
        try (var zip = new ZipFile(jar.toFile())) {
            var entry = zip.stream()
                    .filter(e -> e.getName().matches("software/amazon/awscdk/aws-cdk-lib@[^/]+\\.jsii\\.tgz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no jsii bundle in " + jar));
            try (var in = zip.getInputStream(entry)) {
                return new java.io.ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
