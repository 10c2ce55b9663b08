package io.entrasync.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The helpdesk-wide settings: a single row (id 1), created by the first migration. */
@Entity
@Table(name = "helpdesk_settings")
public class HelpdeskSettings {

    static final int SINGLETON_ID = 1;

    @Id
    private Integer id;

    @Column(name = "auto_create_users_from_email", nullable = false)
    private boolean autoCreateUsersFromEmail;

    @Column(name = "default_site_id")
    private Long defaultSiteId;

    protected HelpdeskSettings() {
    }

    public boolean isAutoCreateUsersFromEmail() {
        return autoCreateUsersFromEmail;
    }

    public Long getDefaultSiteId() {
        return defaultSiteId;
    }

    void change(boolean autoCreateUsersFromEmail, Long defaultSiteId) {
        this.autoCreateUsersFromEmail = autoCreateUsersFromEmail;
        this.defaultSiteId = defaultSiteId;
    }
}
