package io.entrasync.mapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The mapping core is plain Java: Spring only in the registry, Jackson and Quartz only in the loader's parts. */
class MappingArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.entrasync.mapping");

    @Test
    void onlyTheRegistryKnowsSpring() {
        noClasses().that().doNotHaveSimpleName("MappingRegistry")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.entrasync.config..")
                .check(CLASSES);
    }

    @Test
    void engineKnowsNoParserOrScheduler() {
        noClasses().that().haveNameNotMatching(".*\\.(MappingLoader|MappingDirectory|MappingRegistry|YamlTree)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "org.quartz..")
                .check(CLASSES);
    }
}
