package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ownership rule every door follows, read from a mapping. */
class FieldOwnersTest {

    @Test
    void aMinimalMapping_ownsTheProfileFieldsAndTheSite_butNotTheDepartmentOrFlags() {
        FieldOwners owners = FieldOwners.of(TestMappings.mapping("sites: [ { default: HQ } ]\n"));

        assertThat(owners.rule(AccountField.JOB_TITLE)).isEqualTo("fields.jobTitle.owner: directory");
        assertThat(owners.rule(AccountField.SITE)).isEqualTo("sites: rules");
        assertThat(owners.directoryOwns(AccountField.DEPARTMENT)).isFalse();
        assertThat(owners.directoryOwns(AccountField.MAIN_SITE_USER)).isFalse();
        assertThat(owners.directoryOwns(AccountField.AUTO_TICKET_DISABLED)).isFalse();
    }

    @Test
    void helpdeskOwnedFields_andTheSectionsThatGiveFieldsToTheDirectory_areRead() {
        FieldOwners owners = FieldOwners.of(TestMappings.mapping("""
                sites: [ { default: HQ } ]
                departments: { attribute: department }
                mainSiteUsers: { group: Site Admins }
                tickets: { autoTicketDisabledGroup: No Tickets }
                fields:
                  mobilePhone: { owner: helpdesk }
                """));

        assertThat(owners.directoryOwns(AccountField.MOBILE_PHONE)).isFalse();
        assertThat(owners.rule(AccountField.DEPARTMENT)).isEqualTo("departments.attribute: department");
        assertThat(owners.rule(AccountField.MAIN_SITE_USER)).isEqualTo("mainSiteUsers:");
        assertThat(owners.rule(AccountField.AUTO_TICKET_DISABLED)).isEqualTo("tickets:");
        assertThat(FieldOwners.remedy(AccountField.JOB_TITLE)).isEqualTo("change it in Entra or make the field owner: helpdesk");
    }
}
