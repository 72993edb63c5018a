package io.hireload.admin.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * View models hold state and talk to the server; views draw it. A view model that touched a
 * scene node could not be tested without a window and would tempt work onto the FX thread.
 */
class ViewModelRulesTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hireload.admin");

    @Test
    void viewModelsAreFreeOfSceneNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLIENT);
    }

    @Test
    void viewsAreNotCalledByViewModels() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("View")
                .check(CLIENT);
    }

    @Test
    void featuresHaveNoPackageCycles() {
        slices().matching("io.hireload.admin.(*)..").should().beFreeOfCycles().check(CLIENT);
    }
}
