package io.entrasync.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Controllers state no checks: who may call what is decided in {@code auth} alone (and wired into the filter chain
 * by {@code web.SecurityConfig}); no other class knows Spring Security, so no {@code @PreAuthorize} or role test
 * hides in a controller or service.
 */
class AuthArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.entrasync");

    @Test
    void onlyAuthAndTheFilterChainKnowSpringSecurity() {
        noClasses().that().resideOutsideOfPackage("io.entrasync.auth..")
                .and().haveNameNotMatching("io\\.entrasync\\.web\\.SecurityConfig(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security..")
                .check(CLASSES);
    }
}
