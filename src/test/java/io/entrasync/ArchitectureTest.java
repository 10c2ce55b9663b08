package io.entrasync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Guards the layering: the reconcile core is plain Java, and Graph SDK types stay inside the graph adapter. */
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

    @Test
    void sourcePortKnowsNoFramework() {
        classes().that().resideInAPackage("io.entrasync.source..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.entrasync.source..")
                .check(CLASSES);
    }
}
