package io.hireload.rows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The data rules (rows/, schema/) are the one copy both the server and the admin client use, so
 * they may reach nothing either side lacks: the JDK, Jackson and the API's records. A rule that
 * reached for JPA, Helidon or JavaFX would push a second copy back into one of them.
 */
class RulesBoundaryTest {
    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hireload.rows", "io.hireload.schema");

    @Test
    void theRulesNeedOnlyTheJdkJacksonAndTheApisRecords() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "com.fasterxml.jackson..", "io.hireload.model..", "io.hireload.rows..",
                        "io.hireload.schema..")
                .check(RULES);
    }
}
