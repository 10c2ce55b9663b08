package io.entrasync.directory;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A customer of the helpdesk. A site created by a tenant's mapping belongs to that tenant; a site created by an
 * admin or an import is a manual site (tenant null). Names are unique case-insensitively per tenant, and among the
 * manual sites: two tenants may each have their own "Headquarters".
 */
@Entity
@Table(name = "site")
public class Site {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "site_seq")
    @SequenceGenerator(name = "site_seq", sequenceName = "site_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "name_key", nullable = false)
    private String nameKey;

    @Column(name = "main_user_only_tickets", nullable = false)
    private boolean mainUserOnlyTickets;

    /** The directory tenant that created this site, or null for a site created by an admin or an import. */
    private String tenant;

    /** {@link #ownerKey(String)} of {@link #tenant}: the unique key is (owner_key, name_key). */
    @Column(name = "owner_key", nullable = false)
    private String ownerKey;

    @ElementCollection
    @CollectionTable(name = "site_email_domain", joinColumns = @JoinColumn(name = "site_id"))
    @Column(name = "domain")
    private Set<String> emailDomains = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Site() {
    }

    public Site(String name, Set<String> emailDomains, boolean mainUserOnlyTickets, String tenant) {
        rename(name);
        this.mainUserOnlyTickets = mainUserOnlyTickets;
        this.tenant = tenant;
        this.ownerKey = ownerKey(tenant);
        emailDomains.forEach(d -> this.emailDomains.add(d.toLowerCase(Locale.ROOT)));
        this.createdAt = Instant.now();
    }

    /** The lookup key of a site name: trimmed and lower-cased. */
    public static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** The owner column's value for a site of {@code tenant}: the tenant key, or "" for a manual site (null). */
    public static String ownerKey(String tenant) {
        return tenant == null ? MANUAL : tenant;
    }

    /** The owner key of the manual sites. */
    public static final String MANUAL = "";

    void rename(String newName) {
        this.name = newName.trim();
        this.nameKey = key(newName);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public boolean isMainUserOnlyTickets() {
        return mainUserOnlyTickets;
    }

    public String getTenant() {
        return tenant;
    }

    public Set<String> getEmailDomains() {
        return Set.copyOf(emailDomains);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** An admin's edit (see {@link SiteEdits}): null leaves a value as it is. */
    void edit(Boolean mainUserOnlyTickets, Set<String> domains) {
        if (mainUserOnlyTickets != null) {
            this.mainUserOnlyTickets = mainUserOnlyTickets;
        }
        if (domains != null) {
            this.emailDomains.clear();
            domains.forEach(d -> this.emailDomains.add(d.toLowerCase(Locale.ROOT)));
        }
    }
}
