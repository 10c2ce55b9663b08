package io.entrasync.connect;

import io.entrasync.connect.ConnectRequest.Details;
import io.entrasync.graph.MspTenantReader;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.source.DirectorySourceException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The group picker of a connected tenant: a search of its groups by the start of their display name, and rewriting
 * the generated tenant file with the picked scope groups and site rules.
 */
@Service
class ConnectGroups {

    static final int MAX_QUERY = 120;
    static final int MAX_RULES = 100;

    private final ConnectService connect;
    private final ConnectRequests requests;
    private final MspTenantReader reader;
    private final TenantFiles files;

    ConnectGroups(ConnectService connect, ConnectRequests requests, MspTenantReader reader, TenantFiles files) {
        this.connect = connect;
        this.requests = requests;
        this.reader = reader;
        this.files = files;
    }

    /** A site rule of the body: members of {@code group} go to {@code site}. */
    record SiteRule(String group, String site) {
    }

    /** The body of {@code PUT …/groups}. */
    record Picked(List<String> scope, List<SiteRule> sites) {
    }

    /** What the search answers. */
    record Found(List<MspTenantReader.FoundGroup> groups) {
    }

    Found search(String id, String query) {
        ConnectRequest request = connected(id);
        String prefix = query == null ? "" : query.strip();
        if (prefix.length() > MAX_QUERY) {
            throw new InvalidInputException("q", "q has " + prefix.length() + " characters; at most " + MAX_QUERY);
        }
        try {
            return new Found(reader.groupsStartingWith(connect.connection(request.tenant(), request.tenantId()),
                    prefix));
        } catch (DirectorySourceException e) {
            throw new ConflictException("q", "the groups of tenant " + request.tenantId() + " cannot be read: "
                    + e.getMessage());
        }
    }

    ConnectOutcome pick(String id, Picked picked) {
        ConnectRequest request = connected(id);
        List<String> scope = names(picked == null ? null : picked.scope(), "scope");
        if (scope.isEmpty()) {
            throw new InvalidInputException("scope", "scope needs at least one group: the users in scope are the "
                    + "members of these groups");
        }
        List<TenantFileText.SiteByGroup> sites = new ArrayList<>();
        List<SiteRule> rules = picked.sites() == null ? List.of() : picked.sites();
        if (rules.size() > MAX_RULES) {
            throw new InvalidInputException("sites", "at most " + MAX_RULES + " site rules, got " + rules.size());
        }
        for (int i = 0; i < rules.size(); i++) {
            SiteRule rule = rules.get(i);
            sites.add(new TenantFileText.SiteByGroup(text(rule == null ? null : rule.group(), "sites[" + i + "].group"),
                    text(rule == null ? null : rule.site(), "sites[" + i + "].site")));
        }
        String content = TenantFileText.render(request.tenant(), request.tenantId(), request.template(), scope, sites,
                sites.isEmpty() ? List.of() : files.templateSites(request.template()));
        connect.validated(request.tenant(), content, "scope");
        Details details = request.details();
        ConnectRequest.TenantFile file;
        try {
            file = files.write(request.tenant(), content, details.file() != null && details.file().written()
                    ? details.file().content() : null);
        } catch (FileAlreadyExistsException e) {
            throw new ConflictException("id", "tenant '" + request.tenant() + "' has a mapping file this connection "
                    + "did not write, or that was edited since (" + e.getFile() + "); it was left alone: edit it");
        }
        ConnectRequest updated = request.finished(request.status(), request.tenantId(),
                new Details(details.organization(), details.check(), file, details.error()));
        requests.finish(updated);
        return ConnectOutcome.of(updated);
    }

    private ConnectRequest connected(String id) {
        ConnectRequest request = connect.request(id);
        if (request.status() != ConnectRequest.Status.CONNECTED) {
            throw new ConflictException("id", "connect request " + id + " is " + request.status().wire()
                    + ", not connected: groups can be picked only for a connected tenant");
        }
        return request;
    }

    private static List<String> names(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_RULES) {
            throw new InvalidInputException(field, "at most " + MAX_RULES + " groups, got " + values.size());
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            names.add(text(values.get(i), field + "[" + i + "]"));
        }
        return names;
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " must be a group or site name, not empty");
        }
        if (value.length() > 256 || value.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidInputException(field, field + " must be one line of at most 256 characters");
        }
        return value.strip();
    }
}
