package io.hireload.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class and test the README and docs/ name exists, so a reader who follows a name finds the
 * code: a test (`SomethingTest`, `...IT`, `...Tour`) by its simple name anywhere in the tree, a
 * class written with its package folder (`rows/RowRules`, `db/MigrationTask`) by that path. A
 * rename that leaves a document behind fails here.
 */
class DocsNameRealCodeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern QUOTED = Pattern.compile("`([^`\\s]+)`");
    private static final Pattern TEST = Pattern.compile("[A-Z][A-Za-z0-9]*(Test|IT|Tour)");
    private static final Pattern PACKAGED_CLASS = Pattern.compile("((?:[a-z][a-z0-9_-]*/)+)([A-Z][A-Za-z0-9]*)(?:\\.java)?");

    @Test
    void everyTestAndPackagedClassTheDocsNameExists() throws IOException {
        List<String> javaFiles = javaFiles();
        Set<String> missing = new TreeSet<>();
        for (Path doc : documents()) {
            Matcher quoted = QUOTED.matcher(Files.readString(doc));
            while (quoted.find()) {
                String name = quoted.group(1).replaceAll("[.,:;()]+$", "");
                if (TEST.matcher(name).matches()) {
                    if (javaFiles.stream().noneMatch(f -> f.endsWith("/" + name + ".java"))) {
                        missing.add(ROOT.relativize(doc) + ": " + name);
                    }
                    continue;
                }
                Matcher packaged = PACKAGED_CLASS.matcher(name);
                if (packaged.matches() && !Files.exists(ROOT.resolve(name))
                        && javaFiles.stream().noneMatch(f -> f.endsWith("/" + packaged.group(1) + packaged.group(2) + ".java"))) {
                    missing.add(ROOT.relativize(doc) + ": " + name);
                }
            }
        }
        assertThat(missing).as("names in the docs with no code behind them").isEmpty();
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        assertThat(docs).allMatch(Files::isRegularFile);
        return docs;
    }

    /** Every source file, as {@code /module/src/.../Name.java}; build output and node_modules skipped. */
    private static List<String> javaFiles() throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return Set.of("target", "node_modules", ".git").contains(name)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.toString().endsWith(".java")) {
                    found.add("/" + ROOT.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
