package io.hireload.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.support.Api;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The server's structure, held by rules rather than by memory: features do not depend on each
 * other in circles; HTTP (JAX-RS, statuses) stays at the web edge, the packages {@code web} and each
 * feature's {@code api}, where resources, filters and mappers turn the domain's failures and
 * records into answers; entities stay in the package that
 * persists them, and records leave it. The load rooms: {@code load/api} receives a load,
 * {@code load/queue} alone keeps {@code load_run} and {@code load_item}, {@code load/engine} works
 * the items; each imports only the rooms below it. Every thread comes from {@code background/},
 * which alone starts and stops the background work, in the order {@code background.Stage} writes down.
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
     * The web edge, by package: {@code web/} (routing, error mappers, query parameters, JSON) and each
     * feature's {@code api/} (its resources, filters, request bodies and answers). Only these speak
     * HTTP; a class's name says nothing about where it may stand.
     */
    private static final String[] EDGE = {"io.hireload.web..", "io.hireload..api.."};

    @Test
    void featuresHaveNoPackageCycles() {
        slices().matching("io.hireload.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void onlyTheWebEdgeSpeaksHttp() {
        noClasses().that().resideOutsideOfPackages(EDGE)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.helidon.http..",
                        "io.helidon.webserver..")
                .because("services throw io.hireload.failure.Failure and the edge maps it to a status")
                .check(SERVER);
    }

    @Test
    void resourcesFiltersAndMappersStandAtTheEdge() {
        classes().that().areAnnotatedWith(Path.class).or().areAnnotatedWith(Provider.class)
                .should().resideInAnyPackage(EDGE)
                .because("a feature's HTTP lives in its api/ package (web/ for what every route shares)")
                .check(SERVER);
    }

    @Test
    void servicesAndStoresNeverDependOnTheEdge() {
        // load/api also holds the load services (LoadService, InsertService), which files/ calls to
        // start a load: what no service may reach is web/ and the classes that answer HTTP.
        noClasses().that().resideOutsideOfPackages(EDGE)
                .should().dependOnClassesThat().resideInAPackage("io.hireload.web..")
                .orShould().dependOnClassesThat().areAnnotatedWith(Path.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(Provider.class)
                .because("the edge calls the services, never the other way round")
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

    @Test
    void testsWaitThroughAwait() {
        noClasses().that().doNotHaveSimpleName("TcpProxy").and().doNotHaveSimpleName("DatabaseFaultsTest")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", Duration.class)
                .orShould().callMethod(TimeUnit.class, "sleep", long.class)
                .orShould().callMethod(Api.class, "pause", Duration.class)
                .because("a test waits on what it waits for (a row, a lock, an answer) through test-support's Await, "
                        + "never on a clock; TcpProxy's sleep paces a slow link and DatabaseFaultsTest's pause is "
                        + "the length of an outage, neither a wait")
                .check(SERVER_TESTS);
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
    void theWritingOfRowsKnowsNoLoad() {
        noClasses().that().resideInAPackage("io.hireload.load.write..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hireload.load.api..", "io.hireload.load.engine..",
                        "io.hireload.load.queue..", "io.hireload.load.indexes..")
                .because("load/write puts checked rows into a table (staged upsert, reference checks), "
                        + "for loads, restores and metrics alike; what a load is stays above it")
                .check(SERVER);
    }

    @Test
    void theEngineNeverImportsTheEdge() {
        noClasses().that().resideInAPackage("io.hireload.load.engine..")
                .should().dependOnClassesThat().resideInAPackage("io.hireload.load.api..")
                .check(SERVER);
    }

    /** A call that makes a thread or a pool of them: what only background/ may do. */
    private static final DescribedPredicate<JavaCall<?>> MAKES_THREADS = DescribedPredicate.describe(
            "makes a thread or a pool (Executors.new*, new Thread, a pool's or a timer's constructor, Thread.of*)",
            call -> {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                return owner.isEquivalentTo(Executors.class) && (name.startsWith("new") || name.startsWith("unconfigurable"))
                        || call instanceof JavaConstructorCall && (owner.isAssignableTo(Thread.class)
                        || owner.isAssignableTo(ThreadPoolExecutor.class) || owner.isAssignableTo(ForkJoinPool.class)
                        || owner.isAssignableTo(java.util.Timer.class))
                        || owner.isEquivalentTo(Thread.class) && (name.equals("ofVirtual") || name.equals("ofPlatform")
                        || name.equals("startVirtualThread") || name.equals("setDaemon"));
            });

    @Test
    void onlyBackgroundMakesThreads() {
        noClasses().that().resideOutsideOfPackage("io.hireload.background..")
                .should().callCodeUnitWhere(MAKES_THREADS)
                .orShould().implement(ThreadFactory.class)
                .because("background.Background makes every pool, timer and loop, names it, and stops it with its "
                        + "stage in the one stop order (background.Stage)")
                .check(SERVER);
    }

    @Test
    void everyPartNamesItsStage() {
        classes().that().implement(Part.class)
                .should().beAnnotatedWith(InStage.class)
                .because("background.Lifecycle starts a part at the stage its class names, and makes it only then")
                .check(SERVER);
    }

    @Test
    void onlyBackgroundStartsAndStopsWork() {
        noMethods().that().areDeclaredInClassesThat().resideOutsideOfPackage("io.hireload.background..")
                .should(new ArchCondition<JavaMethod>("observe the application's start or stop, or run at a bean's destruction") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean stop = method.isAnnotatedWith(PreDestroy.class) || method.getParameters().stream().anyMatch(p ->
                                p.isAnnotatedWith(BeforeDestroyed.class) || p.isAnnotatedWith(Destroyed.class));
                        // Routing is configured as CDI starts, before Helidon binds the port: the web edge's, not background work.
                        boolean start = method.getParameters().stream().anyMatch(p -> p.isAnnotatedWith(Initialized.class))
                                && !JavaClass.Predicates.resideInAnyPackage(EDGE).test(method.getOwner());
                        if (stop || start) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " starts or stops work outside background.Lifecycle"));
                        }
                    }
                })
                .because("a class with background work implements background.Part and names its background.Stage; "
                        + "the start order and the stop order are written once, in Stage")
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
