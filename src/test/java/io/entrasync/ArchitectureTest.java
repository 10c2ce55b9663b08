package io.entrasync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Guards the layering: the reconcile core is plain Java, Graph SDK types stay inside the graph adapter, and no feature
 * package depends on {@code web}.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.entrasync");

    @Test
    void reconcileCoreDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.entrasync.reconcile..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.entrasync.reconcile..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void graphSdkAndMsalStayInsideTheGraphAdapter() {
        noClasses().that().resideOutsideOfPackages("io.entrasync.graph..", "io.entrasync.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.microsoft.graph..", "com.microsoft.kiota..", "com.microsoft.aad.msal4j..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    /** {@code web} is the top layer (controllers over every feature): a feature that needs its code is a cycle. */
    @Test
    void noFeatureDependsOnTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("io.entrasync.web..")
                .and().resideOutsideOfPackage("io.entrasync")
                .should().dependOnClassesThat().resideInAPackage("io.entrasync.web..")
                .check(CLASSES);
    }

    @Test
    void sourcePortKnowsNoFramework() {
        classes().that().resideInAPackage("io.entrasync.source..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.entrasync.source..")
                .check(CLASSES);
    }
}
