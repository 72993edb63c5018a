package io.hireload.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No Docker engine runs here, so the image's key properties are checked on the Dockerfile's text. */
class DockerfileTest {

    /** One instruction, continuation lines joined. */
    record Instruction(String keyword, String args) {
    }

    private static Path repoRoot;
    private static List<List<Instruction>> stages;

    @BeforeAll
    static void parse() throws IOException {
        repoRoot = HireloadApp.repoRoot();
        stages = stages(instructions(Files.readString(repoRoot.resolve(ServerImage.DOCKERFILE))));
    }

    @Test
    void buildsWithMavenOnAJdkThenRunsOnAJre() throws IOException {
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).get(0).args()).endsWith("AS build");
        var text = Files.readString(repoRoot.resolve(ServerImage.DOCKERFILE));
        assertThat(javaRelease(text, "BUILD_IMAGE=maven:[\\w.]*-eclipse-temurin-(\\d+)")).isGreaterThanOrEqualTo(21);
        assertThat(javaRelease(text, "RUNTIME_IMAGE=eclipse-temurin:(\\d+)-jre")).isGreaterThanOrEqualTo(21);
    }

    @Test
    void baseImagesArePinnedByDigest() throws IOException {
        var text = Files.readString(repoRoot.resolve(ServerImage.DOCKERFILE));

        for (var image : List.of("BUILD_IMAGE", "RUNTIME_IMAGE")) {
            assertThat(text).containsPattern("ARG " + image + "=[^\\s@]+:[^\\s@]+@sha256:[0-9a-f]{64}\\s");
        }
        assertThat(stages).allSatisfy(stage -> assertThat(stage.get(0).args()).startsWith("${"));
    }

    @Test
    void theRdsCertificateAuthoritiesAreInTheImageWhereTheDatabaseUrlLooks() {
        var runtime = stages.get(1);

        assertThat(all(runtime, "RUN")).anySatisfy(run -> assertThat(run)
                .contains("curl -fsSL --proto '=https' -o " + Database.CA_BUNDLE)
                .contains("grep -q 'BEGIN CERTIFICATE' " + Database.CA_BUNDLE));
        assertThat(all(runtime, "ARG")).contains("RDS_CA_BUNDLE_URL");
    }

    @Test
    void buildsOnlyTheServerAndWhatItNeeds() {
        assertThat(all(stages.get(0), "RUN"))
                .anySatisfy(run -> assertThat(run).contains("mvn ").contains("-pl server -am").contains("package"));
    }

    @Test
    void runtimeStageCarriesOnlyTheServerJarAndItsLibs() {
        var runtime = stages.get(1);
        var copies = all(runtime, "COPY");

        assertThat(copies).isNotEmpty().allSatisfy(copy -> assertThat(copy)
                .startsWith("--from=build")
                .containsAnyOf("/src/server/target/libs/", "/src/server/target/hireload-server.jar"));
        assertThat(runtime).noneSatisfy(i -> assertThat(i.args().toLowerCase(Locale.ROOT))
                .containsAnyOf("zonky", "s3proxy", "embedded"));
    }

    @Test
    void runsAsANonRootUserWithAHealthCheckOnLiveness() {
        var runtime = stages.get(1);
        var user = last(runtime, "USER");

        assertThat(user).isNotBlank().doesNotStartWith("root").doesNotStartWith("0");
        assertThat(runtime.indexOf(new Instruction("USER", user)))
                .isLessThan(indexOf(runtime, "ENTRYPOINT"));
        assertThat(last(runtime, "HEALTHCHECK")).contains("CMD").contains("/health/live");
    }

    @Test
    void heapFollowsTheContainerAndJavaOptsHaveTheLastWord() {
        var entrypoint = last(stages.get(1), "ENTRYPOINT");

        assertThat(entrypoint).contains("exec java").contains("-XX:MaxRAMPercentage=").contains("$JAVA_OPTS");
        assertThat(entrypoint.indexOf("$JAVA_OPTS")).isGreaterThan(entrypoint.indexOf("-XX:MaxRAMPercentage"));
    }

    @Test
    void buildContextAdmitsEveryReactorPomAndNoBuildOutput() throws IOException {
        var patterns = ServerImage.ignorePatterns(repoRoot);
        var modules = Pattern.compile("<module>([^<]+)</module>")
                .matcher(Files.readString(repoRoot.resolve("pom.xml")))
                .results().map(m -> m.group(1)).toList();

        assertThat(patterns.get(0)).isEqualTo("*");
        assertThat(patterns).contains("!pom.xml", "!server", "!" + ServerImage.DOCKERFILE, "**/target", "**/.hireload");
        // Maven refuses a reactor whose module poms are missing, even for -pl server.
        assertThat(modules).isNotEmpty().allSatisfy(module -> assertThat(patterns)
                .containsAnyOf("!" + module, "!" + module + "/pom.xml"));
    }

    @Test
    void theWritablePathsAreDeclaredVolumesTheServerUserOwns() {
        var runtime = stages.get(1);

        assertThat(volumes(runtime)).containsExactlyInAnyOrder("/tmp", "/var/lib/hireload");
        assertThat(ownedBy(runtime, "hireload:hireload")).contains("/var/lib/hireload");
        assertThat(worldWritable(runtime)).contains("/tmp");
        assertThat(all(runtime, "RUN")).anySatisfy(run -> assertThat(run).contains("--uid 10001"));
        // The ownership is set before the VOLUME: Docker discards changes made to a volume's path after it.
        assertThat(indexOf(runtime, "VOLUME")).isGreaterThan(runtime.indexOf(runtime.stream()
                .filter(i -> i.keyword().equals("RUN") && i.args().contains("chown")).findFirst().orElseThrow()));
    }

    /**
     * Where a container runtime exists: the built image, run as the task runs it (read-only root,
     * fresh volumes at its writable paths, uid 10001), can write to both. Skipped, saying so, here.
     */
    @Test
    void theImageRunsWithItsVolumesOnAReadOnlyRoot() throws Exception {
        var docker = java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "docker")).filter(Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(docker.isPresent() && answers(docker.get().toString(), "info"),
                "no container runtime (a docker daemon) here: the image was not started; HireloadStackTest checks "
                        + "the Dockerfile against the task definition instead");
        var tag = "hireload-server:dockerfile-test";
        run(docker.get().toString(), "build", "-f", ServerImage.DOCKERFILE, "-t", tag, ".");
        run(docker.get().toString(), "run", "--rm", "--read-only", "--user", "10001:10001",
                "-v", "/tmp", "-v", "/var/lib/hireload", "--entrypoint", "/bin/sh", tag, "-c",
                "touch /tmp/probe && touch /var/lib/hireload/probe && ! touch /app/probe 2>/dev/null");
    }

    private static boolean answers(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private static void run(String... command) throws Exception {
        var process = new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    /** The runtime stage's instructions. */
    static List<Instruction> runtimeStage(Path repoRoot) throws IOException {
        return stages(instructions(Files.readString(repoRoot.resolve(ServerImage.DOCKERFILE)))).get(1);
    }

    /** The paths the stage declares as volumes (JSON array form). */
    static List<String> volumes(List<Instruction> stage) {
        return all(stage, "VOLUME").stream()
                .flatMap(v -> Pattern.compile("\"([^\"]+)\"").matcher(v).results().map(m -> m.group(1)))
                .toList();
    }

    static String userOf(List<Instruction> stage) {
        return last(stage, "USER");
    }

    /** Paths a RUN gives to {@code owner} with chown. */
    static List<String> ownedBy(List<Instruction> stage, String owner) {
        return all(stage, "RUN").stream()
                .flatMap(run -> Pattern.compile("chown (?:-R )?" + Pattern.quote(owner) + " (\\S+)").matcher(run).results())
                .map(m -> m.group(1)).toList();
    }

    /** Paths a RUN makes writable by everyone, sticky (mode 1777). */
    static List<String> worldWritable(List<Instruction> stage) {
        return all(stage, "RUN").stream()
                .flatMap(run -> Pattern.compile("chmod 1777 (\\S+)").matcher(run).results())
                .map(m -> m.group(1)).toList();
    }

    /** The value the stage's ENV gives a variable. */
    static String env(List<Instruction> stage, String name) {
        return all(stage, "ENV").stream()
                .flatMap(e -> Pattern.compile(Pattern.quote(name) + "=(\\S+)").matcher(e).results())
                .map(m -> m.group(1)).reduce((a, b) -> b).orElse(null);
    }

    private static int javaRelease(String dockerfile, String regex) {
        var m = Pattern.compile(regex).matcher(dockerfile);
        assertThat(m.find()).as("%s in the Dockerfile", regex).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<Instruction> instructions(String dockerfile) {
        var result = new ArrayList<Instruction>();
        var current = new StringBuilder();
        for (var line : dockerfile.split("\n")) {
            var trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            var text = current.toString().strip();
            var space = text.indexOf(' ');
            result.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip()));
            current.setLength(0);
        }
        return result;
    }

    private static List<List<Instruction>> stages(List<Instruction> instructions) {
        var result = new ArrayList<List<Instruction>>();
        for (var instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                result.add(new ArrayList<>());
            }
            if (!result.isEmpty()) {
                result.get(result.size() - 1).add(instruction);
            }
        }
        return result;
    }

    private static List<String> all(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    private static String last(List<Instruction> stage, String keyword) {
        var found = all(stage, keyword);
        assertThat(found).as("%s instruction", keyword).isNotEmpty();
        return found.get(found.size() - 1);
    }

    private static int indexOf(List<Instruction> stage, String keyword) {
        for (int i = 0; i < stage.size(); i++) {
            if (stage.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }
}
