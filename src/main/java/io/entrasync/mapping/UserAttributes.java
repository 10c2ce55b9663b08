package io.entrasync.mapping;

import io.entrasync.source.DirectoryUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The directory attributes a mapping can name, read from a {@link DirectoryUser}. */
final class UserAttributes {

    /** Every attribute name; {@code mailDomain} is the domain of the account's resolved email. */
    static final List<String> NAMES = List.of("id", "displayName", "givenName", "surname", "mail", "userPrincipalName",
            "otherMails", "businessPhones", "mobilePhone", "department", "jobTitle", "companyName", "officeLocation",
            "userType", "mailDomain");

    /** Attributes that can fill an account field (all but the derived mailDomain). */
    static final List<String> FIELD_SOURCES = NAMES.subList(0, NAMES.size() - 1);

    static final Set<String> MULTI_VALUED = Set.of("otherMails", "businessPhones");

    private UserAttributes() {
    }

    /**
     * The attribute's non-blank values, trimmed, in the directory's order (empty when missing).
     *
     * @param email the resolved email, for {@code mailDomain}; may be null
     */
    static List<String> values(DirectoryUser user, String attribute, String email) {
        List<String> values = switch (attribute) {
            case "otherMails" -> user.otherMails();
            case "businessPhones" -> user.businessPhones();
            default -> {
                String single = single(user, attribute, email);
                yield single == null ? List.of() : List.of(single);
            }
        };
        List<String> usable = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                usable.add(value.trim());
            }
        }
        return usable;
    }

    /** The first non-blank value, trimmed, or null. */
    static String first(DirectoryUser user, String attribute, String email) {
        List<String> values = values(user, attribute, email);
        return values.isEmpty() ? null : values.get(0);
    }

    private static String single(DirectoryUser user, String attribute, String email) {
        return switch (attribute) {
            case "id" -> user.id();
            case "displayName" -> user.displayName();
            case "givenName" -> user.givenName();
            case "surname" -> user.surname();
            case "mail" -> user.mail();
            case "userPrincipalName" -> user.userPrincipalName();
            case "mobilePhone" -> user.mobilePhone();
            case "department" -> user.department();
            case "jobTitle" -> user.jobTitle();
            case "companyName" -> user.companyName();
            case "officeLocation" -> user.officeLocation();
            case "userType" -> user.userType();
            case "mailDomain" -> email == null ? null : email.substring(email.lastIndexOf('@') + 1);
            default -> throw new IllegalArgumentException("unknown attribute " + attribute);
        };
    }
}
