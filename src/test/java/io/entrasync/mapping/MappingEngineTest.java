package io.entrasync.mapping;

import static io.entrasync.mapping.TestMappings.mapping;
import static io.entrasync.mapping.TestMappings.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.mapping.MappingResult.InScope;
import io.entrasync.mapping.MappingResult.OutOfScope;
import io.entrasync.mapping.MappingResult.Unmapped;
import io.entrasync.source.DirectoryUser;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MappingEngineTest {

    private static final GroupRef HELPDESK = new GroupRef("g-helpdesk", "Helpdesk Users");
    private static final GroupRef BERLIN = new GroupRef("g-berlin", "Berlin Office");
    private static final GroupRef PARIS = new GroupRef("g-paris", "Paris Office");
    private static final GroupRef ADMINS = new GroupRef("g-admins", "Site Admins");
    private static final GroupRef NO_TICKETS = new GroupRef("g-nt", "No Auto Tickets");

    private final MappingEngine engine = new MappingEngine();

    private MappingResult evaluate(TenantMapping mapping, DirectoryUser user, GroupRef... groups) {
        return engine.evaluate(mapping, user, Set.of(groups));
    }

    private DesiredAccount account(MappingResult result) {
        assertThat(result).isInstanceOf(InScope.class);
        return ((InScope) result).account();
    }

    @Nested
    class Scoping {

        private final TenantMapping byGroup = mapping("""
                scope: { groups: [helpdesk users] }
                sites: [ { default: HQ } ]
                """);

        @Test
        void noScopeGroups_everyoneIsInScope() {
            var result = evaluate(mapping("sites: [ { default: HQ } ]"), user("u1").build());

            assertThat(account(result).siteName()).isEqualTo("HQ");
            assertThat(result.why().scope().text()).contains("no scope groups");
        }

        @Test
        void scopeGroupByDisplayName_isCaseInsensitive() {
            var result = evaluate(byGroup, user("u1").build(), HELPDESK);

            assertThat(result).isInstanceOf(InScope.class);
            assertThat(result.why().scope().rule()).isEqualTo("scope.groups[0]");
            assertThat(result.why().scope().index()).isZero();
        }

        @Test
        void scopeGroupById_isExact() {
            var byId = mapping("scope: { groups: [g-helpdesk] }\nsites: [ { default: HQ } ]");

            assertThat(evaluate(byId, user("u1").build(), HELPDESK)).isInstanceOf(InScope.class);
            assertThat(evaluate(byId, user("u1").build(), new GroupRef("G-HELPDESK", "x")))
                    .isInstanceOf(OutOfScope.class);
        }

        @Test
        void notInAnyScopeGroup_isOutOfScope() {
            var result = evaluate(byGroup, user("u1").build(), BERLIN);

            assertThat(result).isInstanceOf(OutOfScope.class);
            assertThat(((OutOfScope) result).reason()).isEqualTo("not a member of any scope group [helpdesk users]");
            assertThat(result.why().site()).isNull();
        }

        @Test
        void nestedGroupMembership_countsBecauseTheEngineGetsTransitiveGroups() {
            var parentOnlyThroughNesting = new GroupRef("g-helpdesk", "Helpdesk Users");

            var result = evaluate(byGroup, user("u1").build(), new GroupRef("g-team", "Team A"),
                    parentOnlyThroughNesting);

            assertThat(result).isInstanceOf(InScope.class);
            assertThat(result.why().scope().text()).contains("through nested groups");
        }

        @Test
        void guestByUserType_isOutOfScope() {
            var result = evaluate(byGroup, user("u1").userType("Guest").build(), HELPDESK);

            assertThat(((OutOfScope) result).reason()).startsWith("guest user");
        }

        @Test
        void guestByExtUpn_isOutOfScope() {
            var guest = user("u1").userType(null).upn("anna_fabrikam.com#EXT#@contoso.onmicrosoft.com").build();

            assertThat(evaluate(byGroup, guest, HELPDESK)).isInstanceOf(OutOfScope.class);
        }

        @Test
        void guestsIncluded_areInScopeWithTheirMailNotTheExtUpn() {
            var withGuests = mapping("scope: { includeGuests: true }\nsites: [ { default: HQ } ]");
            var guest = user("u1").mail(null).upn("anna_fabrikam.com#EXT#@contoso.onmicrosoft.com")
                    .otherMails("anna@fabrikam.com").userType("Guest").build();

            assertThat(account(evaluate(withGuests, guest)).email()).isEqualTo("anna@fabrikam.com");
        }

        @Test
        void disabledUser_isOutOfScopeUnlessIncluded() {
            var disabled = user("u1").accountEnabled(false).build();

            assertThat(((OutOfScope) evaluate(byGroup, disabled, HELPDESK)).reason()).startsWith("account disabled");
            assertThat(evaluate(mapping("scope: { includeDisabled: true }\nsites: [ { default: HQ } ]"), disabled))
                    .isInstanceOf(InScope.class);
        }

        @Test
        void unknownAccountEnabled_countsAsEnabled() {
            assertThat(evaluate(byGroup, user("u1").accountEnabled(null).build(), HELPDESK))
                    .isInstanceOf(InScope.class);
        }
    }

    @Nested
    class Filters {

        private final TenantMapping filtered = mapping("""
                scope:
                  filters:
                    - { attribute: department, in: [Sales, IT] }
                    - { attribute: companyName, equals: Contoso }
                    - { attribute: jobTitle, notIn: [Intern] }
                sites: [ { default: HQ } ]
                """);

        @Test
        void allFiltersMatch_caseInsensitively() {
            var result = evaluate(filtered, user("u1").department("it").companyName("CONTOSO").build());

            assertThat(result).isInstanceOf(InScope.class);
            assertThat(result.why().scope().text()).contains("all 3 scope filters match");
        }

        @Test
        void inFilterMismatch_isOutOfScopeNamingTheFilter() {
            var result = evaluate(filtered, user("u1").department("HR").companyName("Contoso").build());

            assertThat(((OutOfScope) result).reason())
                    .isEqualTo("filter scope.filters[0] (department in [Sales, IT]) does not match department [HR]");
            assertThat(result.why().scope().index()).isZero();
        }

        @Test
        void missingAttribute_failsEqualsButPassesNotIn() {
            var noCompany = user("u1").department("Sales").build();
            var noJobTitle = user("u2").department("Sales").companyName("Contoso").jobTitle(null).build();

            assertThat(((OutOfScope) evaluate(filtered, noCompany)).reason()).contains("companyName (empty)");
            assertThat(evaluate(filtered, noJobTitle)).isInstanceOf(InScope.class);
        }

        @Test
        void notInFilter_excludesListedValues() {
            var intern = user("u1").department("Sales").companyName("Contoso").jobTitle("Intern").build();

            assertThat(evaluate(filtered, intern)).isInstanceOf(OutOfScope.class);
        }
    }

    @Nested
    class Sites {

        private final TenantMapping rules = mapping("""
                sites:
                  - { group: Berlin Office, site: Berlin }
                  - { group: Paris Office, site: Paris }
                  - attribute: officeLocation
                    map: { ber-1: Berlin, PAR-2: Paris }
                  - { attribute: companyName }
                  - { attribute: mailDomain, map: { fabrikam.com: Fabrikam } }
                createMissingSites: false
                """);

        @Test
        void groupRule_firstMatchWins() {
            var result = evaluate(rules, user("u1").build(), PARIS, BERLIN);

            assertThat(account(result).siteName()).isEqualTo("Berlin");
            assertThat(result.why().site().rule()).isEqualTo("sites[0]");
        }

        @Test
        void valueMap_isCaseInsensitive() {
            var result = evaluate(rules, user("u1").officeLocation("BER-1").build());

            assertThat(account(result).siteName()).isEqualTo("Berlin");
            assertThat(result.why().site().index()).isEqualTo(2);
        }

        @Test
        void valueMapWithoutEntry_fallsThroughToTheNextRule() {
            var result = evaluate(rules, user("u1").officeLocation("LON-1").companyName("Contoso UK").build());

            assertThat(account(result).siteName()).isEqualTo("Contoso UK");
            assertThat(result.why().site().index()).isEqualTo(3);
        }

        @Test
        void missingAttribute_fallsThrough() {
            var result = evaluate(rules, user("u1").mail("bob@fabrikam.com").build());

            assertThat(account(result).siteName()).isEqualTo("Fabrikam");
            assertThat(result.why().site().text()).isEqualTo("mailDomain 'fabrikam.com' mapped (sites[4]) → site 'Fabrikam'");
        }

        @Test
        void noRuleMatches_isUnmapped() {
            var result = evaluate(rules, user("u1").build());

            assertThat(((Unmapped) result).reason()).isEqualTo("no site rule matched");
            assertThat(result.why().site().text()).isEqualTo("no site rule matched (5 rules tried)");
        }

        @Test
        void defaultRule_catchesEveryoneElse() {
            var withDefault = mapping("sites:\n  - { group: Berlin Office, site: Berlin }\n  - { default: HQ }");

            var result = evaluate(withDefault, user("u1").build());

            assertThat(account(result).siteName()).isEqualTo("HQ");
            assertThat(account(result).createSiteIfMissing()).isTrue();
            assertThat(result.why().site().rule()).isEqualTo("sites[1]");
        }

        @Test
        void aRuleNamingAManualSite_passesItsOwnerOn_neverCreatesIt_andSaysSoInTheExplanation() {
            var shared = mapping("sites:\n  - { group: Berlin Office, site: Front Desk, manualSite: true }\n"
                    + "  - { default: HQ, siteOfTenant: fabrikam }");

            var manual = evaluate(shared, user("u1").build(), BERLIN);
            var other = evaluate(shared, user("u2").build());

            assertThat(account(manual).siteOwner()).isEqualTo(SiteOwner.MANUAL);
            assertThat(account(manual).createSiteIfMissing()).as("createMissingSites defaults to true").isFalse();
            assertThat(manual.why().site().text()).isEqualTo("member of 'Berlin Office' (sites[0]) → manual site "
                    + "'Front Desk'");
            assertThat(account(other).siteOwner()).isEqualTo(SiteOwner.tenant("fabrikam"));
            assertThat(other.why().site().text()).isEqualTo("default (sites[1]) → site 'HQ' of tenant 'fabrikam'");
        }

        @Test
        void createMissingSitesFalse_isPassedOn() {
            assertThat(account(evaluate(rules, user("u1").build(), BERLIN)).createSiteIfMissing()).isFalse();
        }
    }

    @Nested
    class Departments {

        @Test
        void absentRule_meansNoDepartment() {
            var result = evaluate(mapping("sites: [ { default: HQ } ]"), user("u1").department("Sales").build());

            assertThat(account(result).departmentName()).isNull();
        }

        @Test
        void attributeAndMap_renameValues_othersPassUnchanged() {
            var mapping = mapping("""
                    sites: [ { default: HQ } ]
                    departments: { attribute: jobTitle, map: { dev: Engineering }, createMissing: false }
                    """);

            var mapped = account(evaluate(mapping, user("u1").jobTitle("Dev").build()));
            var unchanged = account(evaluate(mapping, user("u2").jobTitle("Sales").build()));
            var blank = account(evaluate(mapping, user("u3").jobTitle(" ").build()));

            assertThat(mapped.departmentName()).isEqualTo("Engineering");
            assertThat(mapped.createDepartmentIfMissing()).isFalse();
            assertThat(unchanged.departmentName()).isEqualTo("Sales");
            assertThat(blank.departmentName()).isNull();
        }
    }

    @Nested
    class FieldsAndEmail {

        private final TenantMapping defaults = mapping("sites: [ { default: HQ } ]");

        @Test
        void emailFallsBackFromMailToUpnToOtherMails() {
            assertThat(account(evaluate(defaults, user("u1").build())).email()).isEqualTo("anna@contoso.com");
            assertThat(account(evaluate(defaults, user("u1").mail(null).build())).email())
                    .isEqualTo("anna@contoso.onmicrosoft.com");
            assertThat(account(evaluate(defaults, user("u1").mail(" ").upn("not-an-address")
                    .otherMails("", "anna@private.example").build())).email()).isEqualTo("anna@private.example");
        }

        @Test
        void noUsableEmail_isUnmapped() {
            var result = evaluate(defaults, user("u1").mail(null).upn(null).build());

            assertThat(((Unmapped) result).reason()).isEqualTo("no usable email address in "
                    + "[mail, userPrincipalName, otherMails] (UPNs with #EXT# are skipped)");
        }

        @Test
        void customSourcesAndPolicies() {
            var mapping = mapping("""
                    sites: [ { default: HQ } ]
                    fields:
                      email: { from: [otherMails, mail] }
                      firstName: displayName
                      jobTitle: { owner: helpdesk }
                      phone: { blankClears: false }
                    """);

            var account = account(evaluate(mapping, user("u1").otherMails("a@other.example").jobTitle("CEO")
                    .businessPhones("+49 1", "+49 2").mobilePhone("+49 170").build()));

            assertThat(account.email()).isEqualTo("a@other.example");
            assertThat(account.firstName()).isEqualTo("Anna Schmidt");
            assertThat(account.lastName()).isEqualTo("Schmidt");
            assertThat(account.phone()).isEqualTo("+49 1");
            assertThat(account.mobilePhone()).isEqualTo("+49 170");
            assertThat(account.jobTitle()).isEqualTo("CEO");
            assertThat(account.policies().of(Field.JOB_TITLE)).isEqualTo(
                    new FieldPolicy(FieldPolicy.Owner.HELPDESK, true));
            assertThat(account.policies().of(Field.PHONE).blankClears()).isFalse();
            assertThat(account.policies().of(Field.EMAIL)).isEqualTo(FieldPolicy.DEFAULT);
        }

        @Test
        void missingNames_areDerivedFromDisplayName() {
            var commaForm = account(evaluate(defaults, user("u1").givenName(null).surname(null)
                    .displayName("Schmidt, Anna").build()));
            var spaceForm = account(evaluate(defaults, user("u2").givenName(null).surname(null)
                    .displayName("Anna Maria Schmidt").build()));
            var oneWord = account(evaluate(defaults, user("u3").givenName(null).surname(null)
                    .displayName("Reception").build()));
            var onlySurnameMissing = account(evaluate(defaults, user("u4").givenName("Ann").surname(null)
                    .displayName("Anna Schmidt").build()));

            assertThat(commaForm).extracting(DesiredAccount::firstName, DesiredAccount::lastName)
                    .containsExactly("Anna", "Schmidt");
            assertThat(spaceForm).extracting(DesiredAccount::firstName, DesiredAccount::lastName)
                    .containsExactly("Anna Maria", "Schmidt");
            assertThat(oneWord).extracting(DesiredAccount::firstName, DesiredAccount::lastName)
                    .containsExactly("Reception", null);
            assertThat(onlySurnameMissing).extracting(DesiredAccount::firstName, DesiredAccount::lastName)
                    .containsExactly("Ann", "Schmidt");
        }

        @Test
        void fieldPolicy_decidesWhetherAnUpdateOverwrites_aBlankDirectoryValueClearingByDefault() {
            assertThat(FieldPolicy.DEFAULT.overwritesOnUpdate("x")).isTrue();
            assertThat(FieldPolicy.DEFAULT.overwritesOnUpdate(null)).isTrue();
            assertThat(new FieldPolicy(FieldPolicy.Owner.DIRECTORY, false).overwritesOnUpdate(" ")).isFalse();
            assertThat(new FieldPolicy(FieldPolicy.Owner.DIRECTORY, true).overwritesOnUpdate(" ")).isTrue();
            assertThat(new FieldPolicy(FieldPolicy.Owner.HELPDESK, true).overwritesOnUpdate("x")).isFalse();
        }
    }

    @Nested
    class MainUsersAndTickets {

        private final TenantMapping mapping = mapping("""
                sites: [ { default: HQ } ]
                mainSiteUsers: { groups: [Site Admins, Office Managers] }
                tickets: { autoTicketDisabledGroup: No Auto Tickets }
                """);

        @Test
        void groupMembers_areMarked() {
            var result = evaluate(mapping, user("u1").build(), ADMINS, NO_TICKETS);

            assertThat(account(result).mainSiteUserCandidate()).isTrue();
            assertThat(account(result).autoTicketDisabled()).isTrue();
            assertThat(result.why().mainSiteUser().rule()).isEqualTo("mainSiteUsers.groups[0]");
            assertThat(result.why().tickets().text()).contains("automatic tickets disabled");
        }

        @Test
        void nonMembersAndAbsentRules_areNotMarked() {
            var plain = account(evaluate(mapping, user("u1").build()));
            var noRules = evaluate(mapping("sites: [ { default: HQ } ]"), user("u1").build(), ADMINS);

            assertThat(plain.mainSiteUserCandidate()).isFalse();
            assertThat(plain.autoTicketDisabled()).isFalse();
            assertThat(account(noRules).mainSiteUserCandidate()).isFalse();
            assertThat(noRules.why().mainSiteUser().text()).isEqualTo("no mainSiteUsers rule");
        }

        @Test
        void nonMembers_areExplainedWithoutADoubleNegative() {
            var why = evaluate(mapping, user("u1").build()).why();

            assertThat(why.tickets().text()).isEqualTo("not a member of [No Auto Tickets]: tickets are created from "
                    + "this user's emails");
            assertThat(why.mainSiteUser().text()).endsWith(": not a main site user candidate");
        }

        @Test
        void accountCarriesTheDirectoryId() {
            assertThat(account(evaluate(mapping, user("obj-42").build())).externalId()).isEqualTo("obj-42");
        }
    }
}
