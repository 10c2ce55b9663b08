package io.entrasync.source;

import java.util.List;

/**
 * A user as the remote directory reports it in one delta item. Attributes the directory did not send are
 * {@code null} (lists are never null, possibly empty). A delta may repeat a user; consumers re-apply it.
 *
 * @param id             the directory object id (never null)
 * @param accountEnabled {@code null} when the attribute was not part of this delta item
 * @param userType       {@code Member} or {@code Guest}, or null
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
        String userType) {

    public DirectoryUser {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("directory user id is required");
        }
        otherMails = otherMails == null ? List.of() : List.copyOf(otherMails);
        businessPhones = businessPhones == null ? List.of() : List.copyOf(businessPhones);
    }

    /** Guests are {@code userType=Guest} or carry {@code #EXT#} in their UPN (B2B invitations). */
    public boolean isGuest() {
        return "Guest".equalsIgnoreCase(userType)
                || (userPrincipalName != null && userPrincipalName.contains("#EXT#"));
    }
}
