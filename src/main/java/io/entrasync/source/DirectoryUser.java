package io.entrasync.source;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A user as the remote directory reports it in one delta item. Attributes the item did not carry are {@code null}
 * (lists are never null, possibly empty); {@link #cleared} tells which of them the item sent explicitly empty
 * ({@code "department": null}, {@code "businessPhones": []}), which a delta merge applies as a removal of the
 * stored value while an attribute not sent keeps it. A delta may repeat a user; consumers re-apply it.
 *
 * @param id             the directory object id (never null)
 * @param accountEnabled {@code null} when the attribute was not part of this delta item
 * @param userType       {@code Member} or {@code Guest}, or null
 * @param cleared        the attributes the item sent as null or as an empty list (never null; an attribute listed
 *                       here has a null value or an empty list). Empty for a user as stored in the mirror.
 */
public record DirectoryUser(
        String id,
        String displayName,
        String givenName,
        String surname,
        String mail,
        String userPrincipalName,
        List<String> otherMails,
        List<String> businessPhones,
        String mobilePhone,
        String department,
        String jobTitle,
        String companyName,
        String officeLocation,
        Boolean accountEnabled,
        String userType,
        Set<Attribute> cleared) {

    /** The attributes of a directory user that an item can carry, with their Graph property names. */
    public enum Attribute {
        DISPLAY_NAME("displayName"), GIVEN_NAME("givenName"), SURNAME("surname"), MAIL("mail"),
        USER_PRINCIPAL_NAME("userPrincipalName"), OTHER_MAILS("otherMails"), BUSINESS_PHONES("businessPhones"),
        MOBILE_PHONE("mobilePhone"), DEPARTMENT("department"), JOB_TITLE("jobTitle"), COMPANY_NAME("companyName"),
        OFFICE_LOCATION("officeLocation"), ACCOUNT_ENABLED("accountEnabled"), USER_TYPE("userType");

        private final String graphName;

        Attribute(String graphName) {
            this.graphName = graphName;
        }

        /** The property name in Graph's JSON. */
        public String graphName() {
            return graphName;
        }

        /**
         * Attributes every Entra user has (Graph cannot clear them): an item without a value for one of them is
         * read as "not sent", never as a removal, even on a full read.
         */
        public boolean required() {
            return this == DISPLAY_NAME || this == USER_PRINCIPAL_NAME || this == ACCOUNT_ENABLED;
        }
    }

    public DirectoryUser {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("directory user id is required");
        }
        otherMails = otherMails == null ? List.of() : List.copyOf(otherMails);
        businessPhones = businessPhones == null ? List.of() : List.copyOf(businessPhones);
        cleared = cleared == null || cleared.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(cleared));
    }

    /** A user whose item cleared nothing (all its null attributes are "not sent"). */
    public DirectoryUser(String id, String displayName, String givenName, String surname, String mail,
            String userPrincipalName, List<String> otherMails, List<String> businessPhones, String mobilePhone,
            String department, String jobTitle, String companyName, String officeLocation, Boolean accountEnabled,
            String userType) {
        this(id, displayName, givenName, surname, mail, userPrincipalName, otherMails, businessPhones, mobilePhone,
                department, jobTitle, companyName, officeLocation, accountEnabled, userType, Set.of());
    }

    /** Whether the item sent {@code attribute} explicitly empty. */
    public boolean clears(Attribute attribute) {
        return cleared.contains(attribute);
    }

    /** The same values, with {@code attributes} recorded as sent empty (their values must be null or empty). */
    public DirectoryUser withCleared(Set<Attribute> attributes) {
        return new DirectoryUser(id, displayName, givenName, surname, mail, userPrincipalName, otherMails,
                businessPhones, mobilePhone, department, jobTitle, companyName, officeLocation, accountEnabled, userType,
                attributes);
    }

    /** Guests are {@code userType=Guest} or carry {@code #EXT#} in their UPN (B2B invitations). */
    public boolean isGuest() {
        return "Guest".equalsIgnoreCase(userType)
                || (userPrincipalName != null && userPrincipalName.contains("#EXT#"));
    }
}
