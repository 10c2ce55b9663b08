package io.entrasync.directory;

import io.entrasync.reconcile.DeactivationReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An end user of the helpdesk. The email is required and unique case-insensitively across the helpdesk
 * ({@code email_key} holds the lower-cased address the unique constraint works on).
 */
@Entity
@Table(name = "end_user")
public class EndUser {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "end_user_seq")
    @SequenceGenerator(name = "end_user_seq", sequenceName = "end_user_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id", nullable = false)
    private Site site;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(nullable = false)
    private String email;

    @Column(name = "email_key", nullable = false)
    private String emailKey;

    private String phone;

    @Column(name = "mobile_phone")
    private String mobilePhone;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    private Department department;

    @Column(name = "job_title")
    private String jobTitle;

    @Column(name = "agent_id")
    private String agentId;

    @Column(name = "main_site_user", nullable = false)
    private boolean mainSiteUser;

    @Column(name = "auto_ticket_disabled", nullable = false)
    private boolean autoTicketDisabled;

    @Column(nullable = false)
    private boolean active = true;

    /** A {@link DeactivationReason} name while inactive; null while active (and for unknown legacy values). */
    @Column(name = "deactivation_reason")
    private String deactivationReason;

    @Column(name = "deactivated_at")
    private Instant deactivatedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Association association;

    @Column(name = "external_id")
    private String externalId;

    private String tenant;

    /** The tenant an admin released this account from (a manual account since); null otherwise. */
    @Column(name = "released_from", insertable = false)
    private String releasedFrom;

    /** The directory id the account had in {@link #releasedFrom}: a returning mapping re-links it by this id. */
    @Column(name = "released_external_id", insertable = false)
    private String releasedExternalId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected EndUser() {
    }

    public EndUser(Site site, String email, Association association) {
        this.site = site;
        this.email = EmailAddress.clean(email);
        this.emailKey = EmailAddress.key(email);
        this.association = association;
    }

    @PrePersist
    void onCreate() {
        createdAt = Instant.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }

    public void setEmail(String email) {
        this.email = EmailAddress.clean(email);
        this.emailKey = EmailAddress.key(email);
    }

    /** Links this account to a directory identity: it becomes a full (STRONG) account owned by that tenant. */
    public void linkTo(String tenant, String externalId) {
        this.tenant = tenant;
        this.externalId = externalId;
        this.association = Association.STRONG;
        // linked anew (by another tenant's run, or by email): the release it came from no longer applies
        this.releasedFrom = null;
        this.releasedExternalId = null;
    }

    public Long getId() {
        return id;
    }

    public Site getSite() {
        return site;
    }

    public void setSite(Site site) {
        this.site = site;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getEmail() {
        return email;
    }

    public String getEmailKey() {
        return emailKey;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getMobilePhone() {
        return mobilePhone;
    }

    public void setMobilePhone(String mobilePhone) {
        this.mobilePhone = mobilePhone;
    }

    public Department getDepartment() {
        return department;
    }

    public void setDepartment(Department department) {
        this.department = department;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public void setJobTitle(String jobTitle) {
        this.jobTitle = jobTitle;
    }

    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    public boolean isMainSiteUser() {
        return mainSiteUser;
    }

    /** Use {@link DirectoryService#setMainSiteUser} so the previous main user of the site is cleared. */
    void setMainSiteUser(boolean mainSiteUser) {
        this.mainSiteUser = mainSiteUser;
    }

    public boolean isAutoTicketDisabled() {
        return autoTicketDisabled;
    }

    public void setAutoTicketDisabled(boolean autoTicketDisabled) {
        this.autoTicketDisabled = autoTicketDisabled;
    }

    public boolean isActive() {
        return active;
    }

    /**
     * Deactivates the account for {@code reason} (non-null), stamped now. An account already inactive keeps its
     * time; its reason is replaced only by an admin's ({@code MANUAL}), which then stands until {@link #activate()}.
     * A deactivated account is never its site's main user (the site would have no active main user): the flag is
     * cleared, and the answer says so for the caller to record.
     *
     * @return whether the account was its site's main user until now
     */
    public boolean deactivate(DeactivationReason reason) {
        java.util.Objects.requireNonNull(reason, "reason");
        if (active) {
            active = false;
            deactivationReason = reason.name();
            deactivatedAt = Instant.now();
        } else if (reason == DeactivationReason.MANUAL) {
            deactivationReason = reason.name();
        }
        boolean wasMain = mainSiteUser;
        mainSiteUser = false;
        return wasMain;
    }

    /** Activates the account and forgets why it was inactive. */
    public void activate() {
        active = true;
        deactivationReason = null;
        deactivatedAt = null;
    }

    /** Why the account is inactive; null while active, or when the stored reason is unknown. */
    public DeactivationReason getDeactivationReason() {
        return active ? null : DeactivationReason.parse(deactivationReason);
    }

    /** When the account was deactivated; null while active. */
    public Instant getDeactivatedAt() {
        return active ? null : deactivatedAt;
    }

    public Association getAssociation() {
        return association;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getReleasedFrom() {
        return releasedFrom;
    }

    public String getReleasedExternalId() {
        return releasedExternalId;
    }

    public String getTenant() {
        return tenant;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
