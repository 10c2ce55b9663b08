package io.entrasync.mirror;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.DirectoryUser.Attribute;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The merge rules of user items. A delta item changes what it sends: a value replaces the stored one, an attribute
 * sent empty ({@link DirectoryUser#cleared}) removes it, an attribute not sent keeps it. A full read's item is the
 * whole user: what it does not carry is gone (except the {@link Attribute#required} attributes, which Entra never
 * lacks, so their absence only means "not sent").
 */
final class UserMerge {

    private static final Attribute[] ATTRIBUTES = Attribute.values();

    private UserMerge() {
    }

    /** A delta item applied to the stored user: the stored state after it (nothing left marked cleared). */
    static DirectoryUser over(DirectoryUser stored, DirectoryUser item) {
        return then(stored, item).withCleared(Set.of());
    }

    /**
     * Two items of one user in order, as one item: the later one's values and clears win, and an attribute only the
     * earlier one cleared stays cleared.
     */
    static DirectoryUser then(DirectoryUser first, DirectoryUser later) {
        Object[] values = new Object[ATTRIBUTES.length];
        Set<Attribute> cleared = EnumSet.noneOf(Attribute.class);
        for (Attribute attribute : ATTRIBUTES) {
            Object sent = value(later, attribute);
            if (present(sent)) {
                values[attribute.ordinal()] = sent;
            } else if (later.clears(attribute)) {
                values[attribute.ordinal()] = sent;
                cleared.add(attribute);
            } else {
                values[attribute.ordinal()] = value(first, attribute);
                if (first.clears(attribute)) {
                    cleared.add(attribute);
                }
            }
        }
        return user(later.id(), values, cleared);
    }

    /**
     * A full read's item (its pages' items folded with {@link #then}) replacing the stored user (null: none stored):
     * every attribute the item lacks is empty afterwards, but for the required ones, which keep the stored value.
     */
    static DirectoryUser full(DirectoryUser stored, DirectoryUser item) {
        Object[] values = new Object[ATTRIBUTES.length];
        for (Attribute attribute : ATTRIBUTES) {
            Object sent = value(item, attribute);
            values[attribute.ordinal()] = attribute.required() && !present(sent) && stored != null
                    ? value(stored, attribute) : sent;
        }
        return user(item.id(), values, Set.of());
    }

    private static boolean present(Object value) {
        return value != null && !(value instanceof List<?> list && list.isEmpty());
    }

    static Object value(DirectoryUser u, Attribute attribute) {
        return switch (attribute) {
            case DISPLAY_NAME -> u.displayName();
            case GIVEN_NAME -> u.givenName();
            case SURNAME -> u.surname();
            case MAIL -> u.mail();
            case USER_PRINCIPAL_NAME -> u.userPrincipalName();
            case OTHER_MAILS -> u.otherMails();
            case BUSINESS_PHONES -> u.businessPhones();
            case MOBILE_PHONE -> u.mobilePhone();
            case DEPARTMENT -> u.department();
            case JOB_TITLE -> u.jobTitle();
            case COMPANY_NAME -> u.companyName();
            case OFFICE_LOCATION -> u.officeLocation();
            case ACCOUNT_ENABLED -> u.accountEnabled();
            case USER_TYPE -> u.userType();
        };
    }

    @SuppressWarnings("unchecked")
    private static DirectoryUser user(String id, Object[] v, Set<Attribute> cleared) {
        return new DirectoryUser(id, (String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4],
                (List<String>) v[5], (List<String>) v[6], (String) v[7], (String) v[8], (String) v[9],
                (String) v[10], (String) v[11], (Boolean) v[12], (String) v[13], cleared);
    }
}
