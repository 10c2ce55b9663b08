package io.entrasync.mapping;

import java.util.List;

/** The helpdesk account fields a mapping fills from directory attributes, with their default sources. */
public enum Field {
    FIRST_NAME("firstName", List.of("givenName")),
    LAST_NAME("lastName", List.of("surname")),
    EMAIL("email", List.of("mail", "userPrincipalName", "otherMails")),
    PHONE("phone", List.of("businessPhones")),
    MOBILE_PHONE("mobilePhone", List.of("mobilePhone")),
    JOB_TITLE("jobTitle", List.of("jobTitle"));

    private final String key;
    private final List<String> defaultSources;

    Field(String key, List<String> defaultSources) {
        this.key = key;
        this.defaultSources = defaultSources;
    }

    /** The key under {@code fields:} in a mapping file. */
    public String key() {
        return key;
    }

    public List<String> defaultSources() {
        return defaultSources;
    }

    static Field byKey(String key) {
        for (Field field : values()) {
            if (field.key.equals(key)) {
                return field;
            }
        }
        return null;
    }
}
