package io.entrasync.mapping;

import static io.entrasync.mapping.TestMappings.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.TenantConnection;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {

    private static final String SITES = "sites: [ { default: HQ } ]\n";
    private static final String INLINE = "inline secrets are refused: keep the secret out of the mapping file and "
            + "reference it with credentials.clientSecretEnv (name of an environment variable) or "
            + "credentials.clientSecretFile (path of a file), or use certificateFile + privateKeyFile";

    private final MappingLoader loader = new MappingLoader();

    private List<String> errors(String yaml) {
        return loader.load("contoso.yaml", yaml).errors().stream().map(MappingError::toString).toList();
    }

    @Test
    void validFile_bindsEverything() {
        var status = loader.load("contoso.yaml", HEADER + """
                cloud: usgov
                fullSyncSchedule: "0 0 3 ? * SUN"
                timeZone: Europe/Berlin
                sites: [ { group: Berlin Office, site: Berlin }, { default: HQ } ]
                safety: { maxDeactivations: 5 }
                """);

        assertThat(status.errors()).isEmpty();
        TenantMapping mapping = status.mapping();
        assertThat(mapping.tenant()).isEqualTo("contoso");
        assertThat(mapping.connection()).isEqualTo(new TenantConnection("contoso",
                "11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                new TenantConnection.Credentials("CONTOSO_SECRET", null, null, null),
                TenantConnection.Cloud.USGOV, null, null));
        assertThat(mapping.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(mapping.sites()).containsExactly(new SiteRule.ByGroup("Berlin Office", "Berlin"),
                new SiteRule.Default("HQ"));
        assertThat(mapping.safety()).isEqualTo(new Safety(5, 10));
        assertThat(mapping.createMissingSites()).isTrue();
        assertThat(status.summary()).isEqualTo(new TenantSummary("contoso", "11111111-2222-3333-4444-555555555555",
                "usgov", "0 */15 * * * ?", "0 0 3 ? * SUN", "Europe/Berlin"));
    }

    @Test
    void defaults_whenOptionalSectionsAreAbsent() {
        TenantMapping mapping = loader.load("c.yaml", HEADER + SITES).mapping();

        assertThat(mapping.connection().cloud()).isEqualTo(TenantConnection.Cloud.GLOBAL);
        assertThat(mapping.timeZone().getId()).isEqualTo("Z");
        assertThat(mapping.scope()).isEqualTo(Scope.EVERYONE);
        assertThat(mapping.departments()).isNull();
        assertThat(mapping.mainSiteUsers()).isNull();
        assertThat(mapping.tickets()).isNull();
        assertThat(mapping.safety()).isEqualTo(Safety.DEFAULTS);
        assertThat(mapping.fields().rule(Field.EMAIL).sources())
                .containsExactly("mail", "userPrincipalName", "otherMails");
    }

    @Nested
    class Keys {

        @Test
        void unknownKey_suggestsTheClosest() {
            assertThat(errors(HEADER + SITES + "shedule: x\n"))
                    .containsExactly("contoso.yaml:7:1: shedule: unknown key 'shedule'; did you mean 'schedule'?");
        }

        @Test
        void unknownNestedKey_namesItsPath() {
            assertThat(errors(HEADER + SITES + "scope:\n  includeGuest: true\n")).containsExactly(
                    "contoso.yaml:8:3: scope.includeGuest: unknown key 'includeGuest'; did you mean 'includeGuests'?");
        }

        @Test
        void unknownKeyWithoutNearMatch_listsTheKnownKeys() {
            assertThat(errors(HEADER + SITES + "safety: { frobnicate: 1 }\n")).containsExactly(
                    "contoso.yaml:7:11: safety.frobnicate: unknown key 'frobnicate'; known keys here: "
                            + "maxDeactivations, maxDeactivationPercent, approvers");
        }

        @Test
        void missingRequiredKeys_areEachReported() {
            assertThat(errors("tenant: contoso\n" + SITES)).containsExactly(
                    "contoso.yaml:1:1: tenantId: missing required key 'tenantId'",
                    "contoso.yaml:1:1: clientId: missing required key 'clientId'",
                    "contoso.yaml:1:1: credentials: missing required key 'credentials'",
                    "contoso.yaml:1:1: schedule: missing required key 'schedule'");
        }

        @Test
        void duplicateKey_isReported() {
            assertThat(errors(HEADER + SITES + "tenant: other\n")).containsExactly(
                    "contoso.yaml:7:1: tenant: duplicate key; first given at line 1, column 1");
        }

        @Test
        void wrongType_isReported() {
            assertThat(errors(HEADER + SITES + "timeZone: [UTC]\n")).containsExactly(
                    "contoso.yaml:7:11: timeZone: expected a text value, found a list");
        }
    }

    @Nested
    class Values {

        @Test
        void badCron_quotesQuartz() {
            assertThat(errors(HEADER.replace("0 */15 * * * ?", "0 */15 * * *") + SITES)).containsExactly(
                    "contoso.yaml:5:11: schedule: invalid Quartz cron expression '0 */15 * * *': Unexpected end of "
                            + "expression. (Quartz cron has 6 or 7 fields: second minute hour day-of-month month "
                            + "day-of-week [year], with ? in day-of-month or day-of-week, e.g. \"0 */15 * * * ?\")");
        }

        @Test
        void approvers_fromOneToFive_defaultOne() {
            TenantMapping two = loader.load("c.yaml", HEADER + SITES + "safety: { approvers: 2 }\n").mapping();

            assertThat(two.safety()).isEqualTo(new Safety(50, 10, 2));
            assertThat(loader.load("c.yaml", HEADER + SITES + "safety: { maxDeactivations: 5 }\n").mapping().safety()
                    .approvers()).isEqualTo(1);
        }

        @Test
        void approvers_outsideOneToFive_orNotAWholeNumber_isAnErrorAtItsLine() {
            assertThat(errors(HEADER + SITES + "safety:\n  approvers: 0\n")).containsExactly(
                    "contoso.yaml:8:14: safety.approvers: expected a whole number from 1 to 5, found '0'");
            assertThat(errors(HEADER + SITES + "safety: { approvers: 6 }\n")).containsExactly(
                    "contoso.yaml:7:22: safety.approvers: expected a whole number from 1 to 5, found '6'");
            assertThat(errors(HEADER + SITES + "safety: { approvers: two }\n")).containsExactly(
                    "contoso.yaml:7:22: safety.approvers: expected a whole number from 1 to 5, found 'two'");
        }

        @Test
        void badFullSyncCron() {
            assertThat(errors(HEADER + SITES + "fullSyncSchedule: \"0 0 25 * * ?\"\n")).first().asString()
                    .startsWith("contoso.yaml:7:19: fullSyncSchedule: invalid Quartz cron expression '0 0 25 * * ?': "
                            + "Hour values must be between 0 and 23");
        }

        @Test
        void unknownCloud() {
            assertThat(errors(HEADER + SITES + "cloud: azure\n")).containsExactly(
                    "contoso.yaml:7:8: cloud: unknown cloud 'azure'; expected one of global, usgov, usgov-dod, "
                            + "china, custom");
        }

        @Test
        void unknownTimeZone_suggestsTheClosest() {
            assertThat(errors(HEADER + SITES + "timeZone: Europe/Berln\n")).containsExactly(
                    "contoso.yaml:7:11: timeZone: unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'? "
                            + "(use an IANA zone id such as Europe/Berlin, or UTC)");
        }

        @Test
        void tenantKey_mustBeUrlSafe() {
            assertThat(errors(HEADER.replace("tenant: contoso", "tenant: Contoso AG") + SITES)).containsExactly(
                    "contoso.yaml:1:9: tenant: tenant key 'Contoso AG' may hold only lower-case letters, digits and "
                            + "dashes ([a-z0-9-]+); it is used in URLs");
        }

        @Test
        void booleans_mustBeTrueOrFalse() {
            assertThat(errors(HEADER + SITES + "createMissingSites: yes\n")).containsExactly(
                    "contoso.yaml:7:21: createMissingSites: expected true or false, found 'yes'");
        }

        @Test
        void customCloud_needsBothHttpsEndpoints() {
            assertThat(errors(HEADER + SITES + "cloud: custom\ngraphEndpoint: http://127.0.0.1:8443\n"))
                    .containsExactly(
                            "contoso.yaml:7:8: authorityHost: missing required key 'authorityHost': cloud: custom "
                                    + "needs graphEndpoint and authorityHost (absolute https URLs)",
                            "contoso.yaml:8:16: graphEndpoint: graphEndpoint must be an absolute https URL without "
                                    + "query (MSAL and Graph need https), found 'http://127.0.0.1:8443'");
        }

        @Test
        void endpoints_onlyWithCustomCloud() {
            assertThat(errors(HEADER + SITES + "graphEndpoint: https://graph.example\n")).containsExactly(
                    "contoso.yaml:7:1: graphEndpoint: graphEndpoint is only used with cloud: custom (cloud global "
                            + "has its own endpoints)");
        }
    }

    @Nested
    class Secrets {

        @Test
        void inlineClientSecret_isRefused() {
            assertThat(errors(HEADER + SITES + "clientSecret: abc~123\n"))
                    .containsExactly("contoso.yaml:7:1: clientSecret: " + INLINE);
        }

        @Test
        void secretKeyUnderCredentials_isRefused() {
            assertThat(errors(HEADER.replace("{ clientSecretEnv: CONTOSO_SECRET }", "{ clientSecret: abc~123 }")
                    + SITES)).containsExactly(
                            "contoso.yaml:4:16: credentials.clientSecret: 'clientSecret' is not a credential "
                                    + "reference; did you mean 'clientSecretEnv'?; " + INLINE);
        }

        @Test
        void secretValueInClientSecretEnv_isRefusedWithoutEchoingIt() {
            List<String> errors = errors(HEADER.replace("CONTOSO_SECRET", "\"Xy8Q~abc.def\"") + SITES);

            assertThat(errors).containsExactly("contoso.yaml:4:33: credentials.clientSecretEnv: the value is not an "
                    + "environment variable name ([A-Za-z_][A-Za-z0-9_]*); " + INLINE);
            assertThat(errors.get(0)).doesNotContain("Xy8Q");
        }

        @Test
        void credentialsAsPlainValue_isRefused() {
            assertThat(errors(HEADER.replace("{ clientSecretEnv: CONTOSO_SECRET }", "Xy8Q~abc") + SITES))
                    .containsExactly("contoso.yaml:4:14: credentials: credentials must be a mapping of references; "
                            + INLINE);
        }

        @Test
        void inlinePemKey_isRefused() {
            String yaml = HEADER.replace("{ clientSecretEnv: CONTOSO_SECRET }",
                    "\n  certificateFile: /run/cert.pem\n  privateKeyFile: \"-----BEGIN PRIVATE KEY-----\\nMIIE\"")
                    + SITES;

            assertThat(errors(yaml)).containsExactly("contoso.yaml:6:19: credentials.privateKeyFile: the value looks "
                    + "like key material, not a file path; " + INLINE);
        }

        @Test
        void certificate_needsItsPrivateKey() {
            assertThat(errors(HEADER.replace("clientSecretEnv: CONTOSO_SECRET", "certificateFile: /run/c.pem")
                    + SITES)).containsExactly(
                            "contoso.yaml:4:14: credentials.privateKeyFile: missing required key 'privateKeyFile'");
        }

        @Test
        void certificatePair_isBound() {
            var mapping = loader.load("c.yaml", HEADER.replace("clientSecretEnv: CONTOSO_SECRET",
                    "certificateFile: /run/c.pem, privateKeyFile: /run/k.pem") + SITES).mapping();

            assertThat(mapping.connection().credentials()).isEqualTo(new TenantConnection.Credentials(null, null,
                    Path.of("/run/c.pem"), Path.of("/run/k.pem")));
        }

        @Test
        void twoKindsOfCredential_areRefused() {
            assertThat(errors(HEADER.replace("clientSecretEnv: CONTOSO_SECRET",
                    "clientSecretEnv: A, clientSecretFile: /run/s") + SITES)).containsExactly(
                            "contoso.yaml:4:14: credentials: give only one of clientSecretEnv, clientSecretFile, or "
                                    + "certificateFile with privateKeyFile");
        }
    }

    @Nested
    class Rules {

        @Test
        void groupRuleWithoutGroup() {
            assertThat(errors(HEADER + "sites:\n  - { site: Berlin }\n")).containsExactly(
                    "contoso.yaml:7:5: sites[0].group: missing required key 'group': a rule with 'site' needs the "
                            + "group whose members go to that site");
        }

        @Test
        void groupRuleWithoutSite() {
            assertThat(errors(HEADER + "sites:\n  - group: Berlin Office\n")).containsExactly(
                    "contoso.yaml:7:5: sites[0].site: missing required key 'site': the site that members of group "
                            + "'Berlin Office' go to");
        }

        @Test
        void ruleMixingKinds_isRefused() {
            assertThat(errors(HEADER + "sites:\n  - { group: G, site: S, default: D }\n")).containsExactly(
                    "contoso.yaml:7:5: sites[0]: a site rule takes only one of group, attribute, default; found "
                            + "group and default (split it into two rules)");
        }

        @Test
        void unknownAttribute_suggestsTheClosest() {
            assertThat(errors(HEADER + "sites:\n  - { attribute: company }\n")).containsExactly(
                    "contoso.yaml:7:18: sites[0].attribute: unknown attribute 'company'; did you mean 'companyName'?");
        }

        @Test
        void manualSiteAndSiteOfTenant_bindTheRulesOwner() {
            TenantMapping mapping = loader.load("contoso.yaml", HEADER + "sites:\n"
                    + "  - { group: Desk, site: Front Desk, manualSite: true }\n"
                    + "  - { attribute: companyName, siteOfTenant: fabrikam }\n"
                    + "  - { default: HQ, manualSite: false }\n").mapping();

            assertThat(mapping.sites()).containsExactly(
                    new SiteRule.ByGroup("Desk", "Front Desk", SiteOwner.MANUAL),
                    new SiteRule.ByAttribute("companyName", java.util.Map.of(), SiteOwner.tenant("fabrikam")),
                    new SiteRule.Default("HQ", SiteOwner.OWN));
        }

        @Test
        void siteOfTenant_namingTheOwnTenant_orNoTenantKey_isRefusedAtItsValue() {
            assertThat(errors(HEADER + "sites:\n  - { default: HQ, siteOfTenant: contoso }\n"
                    + "  - { default: HQ, siteOfTenant: Fab_1 }\n")).containsExactly(
                    "contoso.yaml:7:34: sites[0].siteOfTenant: 'contoso' is this file's own tenant, whose sites every "
                            + "rule names by default; remove siteOfTenant",
                    "contoso.yaml:8:34: sites[1].siteOfTenant: siteOfTenant 'Fab_1' is not a tenant key ([a-z0-9-]+, "
                            + "the 'tenant' of that tenant's mapping file)");
        }

        @Test
        void manualSiteWithSiteOfTenant_orNotABoolean_isRefused() {
            assertThat(errors(HEADER + "sites:\n  - { default: HQ, manualSite: true, siteOfTenant: fabrikam }\n"))
                    .containsExactly("contoso.yaml:7:20: sites[0].manualSite: a site rule takes either manualSite (a "
                            + "site created by an admin or an import) or siteOfTenant (a site of another tenant), not "
                            + "both");
            assertThat(errors(HEADER + "sites:\n  - { default: HQ, manualSite: yes }\n")).containsExactly(
                    "contoso.yaml:7:32: sites[0].manualSite: expected true or false, found 'yes'");
        }

        @Test
        void tenantKeyOrphaned_isReserved() {
            assertThat(errors(HEADER.replace("tenant: contoso", "tenant: orphaned") + SITES)).containsExactly(
                    "contoso.yaml:1:9: tenant: tenant key 'orphaned' is reserved: /api/tenants/orphaned lists the "
                            + "tenants whose accounts no mapping file claims; choose another key");
        }

        @Test
        void ruleAfterDefault_isNeverReached() {
            assertThat(errors(HEADER + "sites:\n  - { default: HQ }\n  - { default: Other }\n")).containsExactly(
                    "contoso.yaml:8:5: sites[1]: this rule follows a default rule and is never reached; move the "
                            + "default to the end");
        }

        @Test
        void noSiteRules() {
            assertThat(errors(HEADER + "sites: []\n")).containsExactly(
                    "contoso.yaml:6:8: sites: sites needs at least one rule, e.g. - { default: Headquarters }");
        }

        @Test
        void filterNeedsExactlyOneOperator() {
            assertThat(errors(HEADER + SITES + "scope:\n  filters:\n    - { attribute: department }\n"))
                    .containsExactly("contoso.yaml:9:7: scope.filters[0]: a filter needs exactly one of equals, in, "
                            + "notIn, found none");
        }

        @Test
        void mainSiteUsersWithoutGroup() {
            assertThat(errors(HEADER + SITES + "mainSiteUsers: {}\n")).containsExactly(
                    "contoso.yaml:7:16: mainSiteUsers.group: missing required key 'group'");
        }

        @Test
        void unknownFieldOwner() {
            assertThat(errors(HEADER + SITES + "fields:\n  jobTitle: { owner: hr }\n")).containsExactly(
                    "contoso.yaml:8:22: fields.jobTitle.owner: unknown owner 'hr'; expected directory (the "
                            + "directory wins on every run) or helpdesk (set at creation only)");
        }
    }

    @Nested
    class Documents {

        @Test
        void emptyFile() {
            assertThat(errors("")).containsExactly("contoso.yaml:1:1: the file is empty; a mapping needs at least "
                    + "tenant, tenantId, clientId, credentials, schedule and sites");
        }

        @Test
        void yamlSyntaxError_isLocated() {
            assertThat(errors("tenant: a\n  b: c\n")).containsExactly(
                    "contoso.yaml:2:4: YAML syntax error: mapping values are not allowed here");
        }

        @Test
        void topLevelList_isRefused() {
            assertThat(errors("- a\n- b\n")).containsExactly(
                    "contoso.yaml:1:1: expected a mapping (key: value lines or { … }), found a list");
        }

        @Test
        void allErrorsOfAFile_areFoundInOnePass_sortedByPosition() {
            List<String> errors = errors(HEADER.replace("0 */15 * * * ?", "bad") + "cloud: azure\nsites: []\n");

            assertThat(errors).hasSize(3);
            assertThat(errors).extracting(e -> e.substring(0, e.indexOf(": "))).containsExactly(
                    "contoso.yaml:5:11", "contoso.yaml:6:8", "contoso.yaml:7:8");
        }
    }
}
