package io.hireload.deploy;

import static io.hireload.deploy.Synthesized.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DEPLOY.md against the code: every stack output, template parameter and {@code hireload:}
 * context key it names exists, and every output of the template is in its outputs table. An
 * operator who copies a command from the runbook gets a name the stack has.
 */
class DeployDocTest {

    @TempDir
    static Path outDir;

    private static Synthesized synth;
    private static String doc;

    @BeforeAll
    static void read() throws IOException {
        synth = Synthesized.of(outDir, Map.of());
        doc = Files.readString(HireloadApp.repoRoot().resolve("docs/DEPLOY.md"));
    }

    @Test
    void everyOutputTheRunbookNamesExists() {
        var outputs = outputs();
        var named = new TreeSet<String>();
        named.addAll(matches("OutputKey=='(\\w+)'"));
        // Placeholders such as <ClusterName> in the commands.
        named.addAll(matches("<([A-Z][A-Za-z]+)>"));
        // The outputs table: | `Url` | ..., | `LogGroupName`, `ClusterName`, `ServiceName` | ...
        named.addAll(outputsTable());

        assertThat(named).isNotEmpty().allSatisfy(name -> assertThat(outputs).as("outputs of the stack").contains(name));
    }

    @Test
    void everyOutputOfTheStackIsInTheOutputsTable() {
        assertThat(outputsTable()).containsAll(outputs());
    }

    @Test
    void everyParameterTheRunbookPassesExists() {
        var parameters = map(synth.template().toJSON().get("Parameters")).keySet();

        assertThat(matches("--parameters (\\w+)=")).isNotEmpty()
                .allSatisfy(name -> assertThat(parameters).contains(name));
    }

    @Test
    void everyContextKeyTheRunbookNamesIsASettingAndEverySettingIsInTheParametersTable() {
        var settings = Arrays.stream(HireloadSettings.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        var parametersTable = section("### Parameters").lines()
                .filter(line -> line.startsWith("| `"))
                .flatMap(line -> Pattern.compile("`(\\w+)`").matcher(line.substring(0, line.indexOf('|', 2))).results())
                .map(m -> m.group(1))
                .collect(Collectors.toSet());

        assertThat(matches("hireload:(\\w+)")).isNotEmpty().allSatisfy(key -> assertThat(settings).contains(key));
        assertThat(parametersTable).containsAll(settings).allSatisfy(name -> assertThat(settings).contains(name));
    }

    private static Set<String> outputs() {
        return map(synth.template().toJSON().get("Outputs")).keySet();
    }

    private static Set<String> outputsTable() {
        return section("| output | what it is |").lines()
                .filter(line -> line.startsWith("| `"))
                .flatMap(line -> Pattern.compile("`(\\w+)`").matcher(line.substring(0, line.indexOf('|', 2))).results())
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** From a heading or table header to the next blank line after a table, or the next heading. */
    private static String section(String start) {
        int from = doc.indexOf(start);
        assertThat(from).as("DEPLOY.md has %s", start).isNotNegative();
        int to = doc.indexOf("\n\n", doc.indexOf("\n|", from) + 1);
        return doc.substring(from, to < 0 ? doc.length() : to);
    }

    private static List<String> matches(String regex) {
        return Pattern.compile(regex).matcher(doc).results().map(m -> m.group(1)).distinct().toList();
    }
}
