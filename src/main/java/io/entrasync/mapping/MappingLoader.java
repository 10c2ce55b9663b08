package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.MapNode;
import io.entrasync.mapping.YamlTree.Node;
import io.entrasync.mapping.YamlTree.ScalarNode;
import io.entrasync.source.TenantConnection;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.quartz.CronExpression;

/**
 * Parses and validates one mapping file. Finds as many errors as it can in one pass, each with file, line,
 * column and key. Pure: reads no files, keeps no state.
 */
public final class MappingLoader {

    static final List<String> KEYS = List.of("tenant", "tenantId", "clientId", "credentials", "cloud", "graphEndpoint",
            "authorityHost", "schedule", "fullSyncSchedule", "timeZone", "scope", "sites", "createMissingSites",
            "departments", "fields", "mainSiteUsers", "tickets", "safety", "notifications");

    /** Keys that would hold a secret in the file itself: refused with a pointer to the reference keys. */
    static final Set<String> INLINE_SECRET_KEYS = Set.of("clientSecret", "secret", "password", "certificate",
            "privateKey", "clientCertificate", "clientSecretValue");

    /** The MSP's multi-tenant app ({@code credentials: { app: msp }}), null when not configured. */
    private final MspApp msp;

    /** A loader for files that cannot use the MSP app (none is configured). */
    public MappingLoader() {
        this(null);
    }

    public MappingLoader(MspApp msp) {
        this.msp = msp;
    }

    /**
     * Loads {@code yaml} as the mapping file {@code file}. Never throws for bad input.
     *
     * @param file the name errors carry (a path, or the name given to the validate endpoint)
     */
    public TenantMappingStatus load(String file, String yaml) {
        return loadLocated(file, yaml, MappingTemplates.Source.NONE).status();
    }

    /**
     * A loaded file plus where it names its tenant and its directory (for the duplicate checks across files).
     *
     * @param directory the directory the file reads ({@link DirectoryIdentity}), null when it names no tenantId
     * @param template  the template the file extends and what it was when read, null when it extends none
     */
    record Located(TenantMappingStatus status, YamlTree.Location tenantAt, YamlTree.Location tenantIdAt,
            String directory, MappingTemplates.Use template) {

        Located(TenantMappingStatus status, YamlTree.Location tenantAt) {
            this(status, tenantAt, tenantAt, null, null);
        }
    }

    /**
     * Loads {@code yaml} as the mapping file {@code file}, built on the template it extends (found in
     * {@code templates}). Never throws for bad input.
     */
    Located loadLocated(String file, String yaml, MappingTemplates.Source templates) {
        Problems problems = new Problems(file);
        Node own = YamlTree.parse(yaml == null ? "" : yaml, problems);
        if (own == null) {
            return new Located(new TenantMappingStatus(file, TenantSummary.UNREADABLE, null, problems.errors()),
                    YamlTree.Location.START);
        }
        MappingTemplates.Extended extended = MappingTemplates.apply(own, templates, problems);
        if (extended.root() == null) {
            // the template is missing or broken: its errors (and one at extend naming it) are the file's errors
            TenantSummary summary = own instanceof MapNode map ? summary(map) : TenantSummary.UNREADABLE;
            YamlTree.Location at = own instanceof MapNode ? MapReader.of(own, "", new Problems(file))
                    .valueLocation("tenant") : own.location();
            return new Located(new TenantMappingStatus(file, summary, null, problems.errors()), at, at, null,
                    extended.use());
        }
        Node root = extended.root();
        TenantSummary summary = root instanceof MapNode map ? summary(map) : TenantSummary.UNREADABLE;
        MapReader reader = MapReader.of(root, "", problems);
        if (reader == null) {
            return new Located(new TenantMappingStatus(file, summary, null, problems.errors()), root.location(),
                    root.location(), null, extended.use());
        }
        YamlTree.Location tenantAt = reader.valueLocation("tenant");
        YamlTree.Location tenantIdAt = reader.valueLocation("tenantId");
        String directory = root instanceof MapNode map ? DirectoryIdentity.of(summary.tenantId(), summary.cloud(),
                raw(map, "graphEndpoint")) : null;
        java.util.Map<String, String> settings = MappingSettings.flatten(root);
        TenantMapping mapping = bind(reader, MappingSettings.planHash(settings), settings);
        if (problems.any()) {
            return new Located(new TenantMappingStatus(file, summary, null, problems.errors()), tenantAt, tenantIdAt,
                    directory, extended.use());
        }
        return new Located(new TenantMappingStatus(file, TenantSummary.of(mapping), mapping, List.of()), tenantAt,
                tenantIdAt, directory, extended.use());
    }

    private TenantMapping bind(MapReader root, String contentHash, java.util.Map<String, String> settings) {
        for (String key : INLINE_SECRET_KEYS) {
            if (root.has(key)) {
                root.errorAtKey(key, ConnectionBinder.INLINE_SECRET);
            }
        }
        root.rejectUnknownKeys(KEYS, INLINE_SECRET_KEYS);
        TenantConnection connection = new ConnectionBinder(root, msp).bind();
        String schedule = cron(root, "schedule", true);
        String fullSyncSchedule = cron(root, "fullSyncSchedule", false);
        ScheduleSpread.Applied spread = spreadIfInherited(root, "schedule", schedule, connection.tenantKey());
        ScheduleSpread.Applied fullSpread = spreadIfInherited(root, "fullSyncSchedule", fullSyncSchedule,
                connection.tenantKey());
        ZoneId timeZone = timeZone(root);
        RuleBinder rules = new RuleBinder(root);
        Scope scope = rules.scope();
        List<SiteRule> sites = rules.sites(connection.tenantKey());
        boolean createMissingSites = root.bool("createMissingSites", true);
        AccountBinder account = new AccountBinder(root);
        DepartmentRule departments = account.departments();
        FieldRules fields = account.fields();
        GroupRule mainSiteUsers = account.groupRule("mainSiteUsers", "group", "groups");
        GroupRule tickets = account.groupRule("tickets", "autoTicketDisabledGroup", "autoTicketDisabledGroups");
        Safety safety = safety(root);
        Notifications notifications = notifications(root);
        if (root.problems().any()) {
            return null;
        }
        return new TenantMapping(connection, spread.cron(), fullSpread.cron(), timeZone, scope, sites,
                createMissingSites, departments, fields, mainSiteUsers, tickets, safety, notifications, contentHash,
                settings, spread.spread(), fullSpread.spread());
    }

    /**
     * A schedule written in the template (its value located in another file) is spread per tenant
     * ({@link ScheduleSpread}); one written in the tenant file is kept as written.
     */
    private static ScheduleSpread.Applied spreadIfInherited(MapReader root, String key, String cron, String tenant) {
        if (cron == null || tenant == null || root.valueLocation(key).file() == null) {
            return new ScheduleSpread.Applied(cron, null);
        }
        return ScheduleSpread.apply(cron, tenant);
    }

    private static String cron(MapReader root, String key, boolean required) {
        String expression = root.text(key, required);
        if (expression == null) {
            return null;
        }
        try {
            new CronExpression(expression);
            return expression;
        } catch (ParseException e) {
            root.errorAtValue(key, "invalid Quartz cron expression '" + expression + "': " + e.getMessage()
                    + " (Quartz cron has 6 or 7 fields: second minute hour day-of-month month day-of-week [year], "
                    + "with ? in day-of-month or day-of-week, e.g. \"0 */15 * * * ?\")");
            return null;
        }
    }

    private static ZoneId timeZone(MapReader root) {
        String zone = root.text("timeZone", false);
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            root.errorAtValue("timeZone", "unknown time zone '" + zone + "'"
                    + Suggestions.didYouMean(zone, ZoneId.getAvailableZoneIds())
                    + " (use an IANA zone id such as Europe/Berlin, or UTC)");
            return ZoneOffset.UTC;
        }
    }

    private static Safety safety(MapReader root) {
        MapReader safety = root.map("safety");
        if (safety == null) {
            return Safety.DEFAULTS;
        }
        safety.rejectUnknownKeys(List.of("maxDeactivations", "maxDeactivationPercent", "approvers"), Set.of());
        return new Safety(safety.integer("maxDeactivations", Safety.DEFAULTS.maxDeactivations(), 0, 10_000_000),
                safety.integer("maxDeactivationPercent", Safety.DEFAULTS.maxDeactivationPercent(), 0, 100),
                safety.integer("approvers", Safety.DEFAULTS.approvers(), 1, Safety.MAX_APPROVERS));
    }

    /** {@code notifications: { enabled, publicUrl }}; the URL must be absolute https (http only on a loopback host). */
    private static Notifications notifications(MapReader root) {
        MapReader notifications = root.map("notifications");
        if (notifications == null) {
            return Notifications.DEFAULTS;
        }
        notifications.rejectUnknownKeys(List.of("enabled", "publicUrl"), Set.of());
        boolean enabled = notifications.bool("enabled", true);
        String url = notifications.text("publicUrl", false);
        if (url == null) {
            return new Notifications(enabled, null);
        }
        try {
            java.net.URI uri = new java.net.URI(url.trim());
            boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                    && uri.getRawQuery() == null) {
                return new Notifications(enabled, uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        notifications.errorAtValue("publicUrl", "'" + url + "' is not a public base URL: Graph calls https only, "
                + "e.g. https://sync.example.org (no path; the service adds /webhooks/graph)");
        return Notifications.DEFAULTS;
    }

    private static TenantSummary summary(MapNode root) {
        return new TenantSummary(raw(root, "tenant"), raw(root, "tenantId"), raw(root, "cloud"), raw(root, "schedule"),
                raw(root, "fullSyncSchedule"), raw(root, "timeZone"));
    }

    private static String raw(MapNode root, String key) {
        YamlTree.Entry entry = root.entries().get(key);
        return entry != null && entry.value() instanceof ScalarNode scalar && !scalar.blank()
                ? scalar.text().trim() : null;
    }
}
