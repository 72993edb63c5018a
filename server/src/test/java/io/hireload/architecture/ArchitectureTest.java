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
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The server's structure, held by rules rather than by memory: features do not depend on each
 * other in circles; HTTP (JAX-RS, statuses) stays at the web edge, where resources, filters and
 * mappers turn the domain's failures and records into answers; entities stay in the package that
 * persists them, and records leave it.
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
}
