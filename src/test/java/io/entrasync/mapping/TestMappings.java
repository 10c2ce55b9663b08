package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.DirectoryUser;
import java.util.ArrayList;
import java.util.List;

/** Builds mappings from YAML snippets and directory users for tests. */
final class TestMappings {

    static final String HEADER = """
            tenant: contoso
            tenantId: 11111111-2222-3333-4444-555555555555
            clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
            credentials: { clientSecretEnv: CONTOSO_SECRET }
            schedule: "0 */15 * * * ?"
            """;

    private TestMappings() {
    }

    /** HEADER + {@code rest}, which must be valid. */
    static TenantMapping mapping(String rest) {
        TenantMappingStatus status = new MappingLoader().load("contoso.yaml", HEADER + rest);
        assertThat(status.errors()).as("mapping errors").isEmpty();
        return status.mapping();
    }

    static UserBuilder user(String id) {
        return new UserBuilder(id);
    }

    /** A directory user with a mail and names unless overridden. */
    static final class UserBuilder {
        private final String id;
        private String displayName = "Anna Schmidt";
        private String givenName = "Anna";
        private String surname = "Schmidt";
        private String mail = "anna@contoso.com";
        private String upn = "anna@contoso.onmicrosoft.com";
        private List<String> otherMails = new ArrayList<>();
        private List<String> businessPhones = new ArrayList<>();
        private String mobilePhone;
        private String department;
        private String jobTitle;
        private String companyName;
        private String officeLocation;
        private Boolean accountEnabled = true;
        private String userType = "Member";

        UserBuilder(String id) {
            this.id = id;
        }

        UserBuilder displayName(String value) { displayName = value; return this; }
        UserBuilder givenName(String value) { givenName = value; return this; }
        UserBuilder surname(String value) { surname = value; return this; }
        UserBuilder mail(String value) { mail = value; return this; }
        UserBuilder upn(String value) { upn = value; return this; }
        UserBuilder otherMails(String... values) { otherMails = List.of(values); return this; }
        UserBuilder businessPhones(String... values) { businessPhones = List.of(values); return this; }
        UserBuilder mobilePhone(String value) { mobilePhone = value; return this; }
        UserBuilder department(String value) { department = value; return this; }
        UserBuilder jobTitle(String value) { jobTitle = value; return this; }
        UserBuilder companyName(String value) { companyName = value; return this; }
        UserBuilder officeLocation(String value) { officeLocation = value; return this; }
        UserBuilder accountEnabled(Boolean value) { accountEnabled = value; return this; }
        UserBuilder userType(String value) { userType = value; return this; }

        DirectoryUser build() {
            return new DirectoryUser(id, displayName, givenName, surname, mail, upn, otherMails, businessPhones,
                    mobilePhone, department, jobTitle, companyName, officeLocation, accountEnabled, userType);
        }
    }
}
