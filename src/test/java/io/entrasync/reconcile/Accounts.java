package io.entrasync.reconcile;

/** Test data: local accounts built from a readable default. */
final class Accounts {

    static final String TENANT = "contoso";

    private long id;
    private String email;
    private String firstName = "Ann";
    private String lastName = "Lee";
    private String phone = "+49 30 1";
    private String mobilePhone = "+49 170 1";
    private String jobTitle = "Clerk";
    private String siteName = "Berlin";
    private String departmentName = "Sales";
    private boolean mainSiteUser;
    private boolean autoTicketDisabled;
    private boolean active = true;
    private Association association = Association.STRONG;
    private String externalId;
    private String tenant;
    private int openTickets;
    private DeactivationReason deactivationReason;

    private Accounts(long id, String email) {
        this.id = id;
        this.email = email;
    }

    /** An account of {@link #TENANT} linked to {@code externalId}, with the same values as {@link Wanted#ann()}. */
    static Accounts linked(long id, String externalId, String email) {
        Accounts account = new Accounts(id, email);
        account.externalId = externalId;
        account.tenant = TENANT;
        return account;
    }

    /** A weak account created from an inbound email: name guessed from the address, nothing else known. */
    static Accounts weak(long id, String email, String guessedFirst, String guessedLast) {
        Accounts account = new Accounts(id, email);
        account.association = Association.WEAK;
        account.firstName = guessedFirst;
        account.lastName = guessedLast;
        account.phone = null;
        account.mobilePhone = null;
        account.jobTitle = null;
        account.departmentName = null;
        return account;
    }

    /** A strong account an admin created by hand: no tenant, no external id. */
    static Accounts manual(long id, String email) {
        return new Accounts(id, email);
    }

    Accounts tenant(String value) {
        tenant = value;
        return this;
    }

    Accounts externalId(String value) {
        externalId = value;
        return this;
    }

    Accounts name(String first, String last) {
        firstName = first;
        lastName = last;
        return this;
    }

    Accounts phone(String value) {
        phone = value;
        return this;
    }

    Accounts jobTitle(String value) {
        jobTitle = value;
        return this;
    }

    Accounts placement(String site, String department) {
        siteName = site;
        departmentName = department;
        return this;
    }

    Accounts inactive() {
        active = false;
        return this;
    }

    /** Inactive for {@code reason} (an admin's MANUAL or a sync's). */
    Accounts deactivatedFor(DeactivationReason reason) {
        active = false;
        deactivationReason = reason;
        return this;
    }

    Accounts weakAssociation() {
        association = Association.WEAK;
        return this;
    }

    Accounts mainSiteUser() {
        mainSiteUser = true;
        return this;
    }

    Accounts openTickets(int count) {
        openTickets = count;
        return this;
    }

    LocalAccount build() {
        return new LocalAccount(id, email, firstName, lastName, phone, mobilePhone, jobTitle, siteName,
                departmentName, mainSiteUser, autoTicketDisabled, active, association, externalId, tenant,
                openTickets, deactivationReason);
    }
}
