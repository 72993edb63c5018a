package io.hireload.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The server's structure, held by rules rather than by memory: features do not depend on each
 * other in circles; HTTP (JAX-RS, statuses) stays at the web edge, where resources, filters and
 * mappers turn the domain's failures and records into answers; entities stay in the package that
 * persists them, and records leave it. The load rooms: {@code load/api} receives a load,
 * {@code load/queue} alone keeps {@code load_run} and {@code load_item}, {@code load/engine} works
 * the items; each imports only the rooms below it. Every daemon thread comes from
 * {@code background/}.
 */
class ArchitectureTest {
    /** The server's own classes: not the test support, the shared model or a generated client on the path. */
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("/server/target/classes/")
                    || location.contains("hireload-server"))
            .importPackages("io.hireload");

    /** The server's test classes. */
    private static final JavaClasses SERVER_TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("/server/target/test-classes/"))
            .importPackages("io.hireload");

    /**
     * Resources, filters, mappers, request-body readers, the web server's routing (health,
     * metrics), and whatever lives in {@code web}: the only code that speaks HTTP.
     */
    private static final DescribedPredicate<JavaClass> EDGE = DescribedPredicate.describe("the web edge",
            c -> c.getPackageName().startsWith("io.hireload.web")
                    || c.isAnnotatedWith(Path.class) || c.isAnnotatedWith(Provider.class)
                    || c.getSimpleName().endsWith("Resource") || c.getSimpleName().endsWith("Answers")
                    || c.getSimpleName().endsWith("Routing") || c.getSimpleName().endsWith("Body")
                    || c.getEnclosingClass().map(e -> e.isAnnotatedWith(Provider.class)
                    || e.getPackageName().startsWith("io.hireload.web")).orElse(false));

    @Test
    void featuresHaveNoPackageCycles() {
        slices().matching("io.hireload.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void onlyTheWebEdgeSpeaksHttp() {
        noClasses().that(DescribedPredicate.not(EDGE))
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.helidon.http..",
                        "io.helidon.webserver..")
                .because("services throw io.hireload.failure.Failure and the edge maps it to a status")
                .check(SERVER);
    }

    @Test
    void servicesAndStoresNeverDependOnTheWebPackage() {
        noClasses().that(DescribedPredicate.not(EDGE))
                .should().dependOnClassesThat().resideInAPackage("io.hireload.web..")
                .check(SERVER);
    }

    @Test
    void entitiesAreUsedOnlyByTheirOwnPackage() {
        classes().that().areAnnotatedWith(Entity.class)
                .should(new ArchCondition<JavaClass>("be used only by classes of their own package") {
                    @Override
                    public void check(JavaClass entity, ConditionEvents events) {
                        for (Dependency use : entity.getDirectDependenciesToSelf()) {
                            JavaClass user = use.getOriginClass();
                            if (!user.getPackageName().equals(entity.getPackageName())) {
                                events.add(SimpleConditionEvent.violated(use, use.getDescription()));
                            }
                        }
                    }
                })
                .because("an entity is how one package persists its table; other packages get records")
                .check(SERVER);
    }

    @Test
    void resourcesAnswerRecordsNotEntities() {
        noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .check(SERVER);
    }

    @Test
    void testsConfigureServersThroughConfigSourcesNotSystemProperties() {
        noClasses().should().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "clearProperty", String.class)
                .because("a test class's server settings go through TestServerConfig (EmbeddedServices, "
                        + "@ServerSetting) and a server JVM's through its environment: a global property "
                        + "outlives the class that set it and reaches every server the JVM starts later")
                .check(SERVER_TESTS);
    }

    @Test
    void settingsAreReadOnlyThroughConfig() {
        noClasses().that().resideOutsideOfPackage("io.hireload.config..")
                .should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().callMethod(System.class, "getProperties")
                .orShould().callMethod(Integer.class, "getInteger", String.class)
                .orShould().callMethod(Long.class, "getLong", String.class)
                .orShould().callMethod(Boolean.class, "getBoolean", String.class)
                .because("a setting is a field of its @ConfigProperties group, read through MicroProfile Config "
                        + "(injected, or config.ConfigBeans where no bean is), under one name (config.SettingNames)")
                .check(SERVER);
    }

    @Test
    void onlyOnePlaceSetsSystemProperties() {
        noClasses().that().doNotHaveFullyQualifiedName("io.hireload.config.LibrarySystemProperties")
                .should().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "clearProperty", String.class)
                .because("the two libraries that read only system properties get them in config.LibrarySystemProperties, "
                        + "which says why; nothing else sets one as a side effect")
                .check(SERVER);
    }

    /**
     * A setting is declared once, as a field of its group ({@code @ConfigProperties}); an injection
     * point takes the group. Only the data source's own properties, which config.DerivedConfigSource
     * derives from DATABASE_URL, are injected by name.
     */
    @Test
    void settingsAreDeclaredInTheirGroups() {
        classes().should(new ArchCondition<>("declare settings only as fields of a @ConfigProperties group") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (var field : type.getFields()) {
                    if (field.isAnnotatedWith(ConfigProperty.class) && !type.isAnnotatedWith(ConfigProperties.class)) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is a setting outside a group"));
                    }
                }
                for (var unit : type.getCodeUnits()) {
                    for (var parameter : unit.getParameters()) {
                        if (parameter.isAnnotatedWith(ConfigProperty.class) && !parameter.getAnnotationOfType(ConfigProperty.class)
                                .name().startsWith("javax.sql.DataSource.")) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName()
                                    + " injects a setting by name: inject its @ConfigProperties group"));
                        }
                    }
                }
            }
        }).check(SERVER);
    }

    /** The server's main sources, read as text (SQL lives in strings, which no class file dependency shows). */
    private static final java.nio.file.Path MAIN = java.nio.file.Path.of("src/main/java/io/hireload");

    @Test
    void theLoadRoomsHaveNoCircles() {
        slices().matching("io.hireload.load.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void theQueueNeverImportsWhatReceivesOrWorksItsLoads() {
        noClasses().that().resideInAPackage("io.hireload.load.queue..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hireload.load.api..", "io.hireload.load.engine..")
                .because("the queue asks its workers through queue.Workers; the engine implements it")
                .check(SERVER);
    }

    @Test
    void theEngineNeverImportsTheEdge() {
        noClasses().that().resideInAPackage("io.hireload.load.engine..")
                .should().dependOnClassesThat().resideInAPackage("io.hireload.load.api..")
                .check(SERVER);
    }

    @Test
    void onlyBackgroundMakesDaemonThreads() {
        noClasses().that().resideOutsideOfPackage("io.hireload.background..")
                .should().callMethod(Thread.class, "setDaemon", boolean.class)
                .because("every pool and timer takes its threads from background.Daemon.threads")
                .check(SERVER);
    }

    @Test
    void onlyTheQueueSpeaksOfTheLoadTables() throws IOException {
        Pattern tables = Pattern.compile("\\bload_(run|item)\\b");
        java.nio.file.Path queue = MAIN.resolve("load/queue");
        try (Stream<java.nio.file.Path> files = Files.walk(MAIN)) {
            List<java.nio.file.Path> outside = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(queue))
                    .filter(f -> tables.matcher(read(f)).find()).toList();
            assertThat(outside).as("files outside load/queue that name load_run or load_item").isEmpty();
        }
    }

    @Test
    void noPackageIsOver2000Lines() throws IOException {
        Map<java.nio.file.Path, Long> lines = new TreeMap<>();
        try (Stream<java.nio.file.Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> lines.merge(f.getParent(), read(f).lines().count(), Long::sum));
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy((pkg, count) -> assertThat(count).as(pkg.toString()).isLessThanOrEqualTo(2000));
    }

    private static String read(java.nio.file.Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
