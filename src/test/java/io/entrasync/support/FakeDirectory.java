package io.entrasync.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A directory served by WireMock over https the way Microsoft Graph serves it: a token endpoint, users/delta and
 * groups/delta with paging, deltaLinks and {@code @removed}, {@code GET /users/{id}} and
 * {@code POST /directoryObjects/getByIds}. Tests change the
 * directory, then {@link #publish()} re-stubs every response: a full enumeration of the current state, and for
 * every deltaLink handed out so far exactly the differences since it was issued.
 */
public final class FakeDirectory {

    public static final String TENANT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    /** A schedule that fires at 03:00 only: runs in tests are started by the test, not by the scheduler. */
    public static final String DEFAULT_SCHEDULE = "0 0 3 * * ?";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> MULTI_VALUED = Set.of("businessPhones", "otherMails");

    private final WireMockServer server;
    private final int pageSize;
    private final Map<String, Map<String, Object>> users = new TreeMap<>();
    private final Map<String, String> softDeleted = new HashMap<>();
    private final Map<String, Group> softDeletedGroups = new HashMap<>();
    private final Map<String, Group> groups = new TreeMap<>();
    private final Map<String, Snapshot> issued = new LinkedHashMap<>();
    private final Map<String, String> pageBodies = new HashMap<>();
    private int version;
    private boolean expired;
    private int tokenLifetimeSeconds = 3599;
    private String accessToken = "fake-access-token";
    private boolean lookupsAlwaysFind;

    private record Group(String displayName, Map<String, String> members) {
    }

    private record Snapshot(Map<String, Map<String, Object>> users, Set<String> softDeleted, Map<String, Group> groups) {
    }

    public FakeDirectory(int pageSize) {
        TestTls.ensureKeystore();
        this.pageSize = pageSize;
        server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(TestTls.KEYSTORE.toAbsolutePath().toString()).keystoreType("PKCS12")
                .keystorePassword(new String(TestTls.PASSWORD)).keyManagerPassword(new String(TestTls.PASSWORD)));
        server.start();
        publish();
    }

    public String base() {
        return "https://localhost:" + server.httpsPort();
    }

    public WireMockServer wireMock() {
        return server;
    }

    public void stop() {
        server.stop();
    }

    /** A mapping file for this directory: custom cloud at this server, secret from a file. */
    public String mapping(String tenant, String secretFile, String body) {
        return mapping(tenant, secretFile, DEFAULT_SCHEDULE, body);
    }

    private String mapping(String tenant, String secretFile, String schedule, String body) {
        return "tenant: " + tenant + "\n"
                + "tenantId: " + TENANT_ID + "\n"
                + "clientId: " + CLIENT_ID + "\n"
                + "credentials: { clientSecretFile: " + secretFile + " }\n"
                + "cloud: custom\n"
                + "graphEndpoint: " + base() + "\n"
                + "authorityHost: " + base() + "\n"
                + "schedule: \"" + schedule + "\"\n"
                + body;
    }

    /**
     * Writes {@code <tenant>.yaml} for this directory into {@code mappings} (and its client secret file beside the
     * folder) and answers the folder's absolute path, for {@code entra-sync.mappings-dir}.
     */
    public String writeMapping(java.nio.file.Path mappings, String tenant, String body) {
        return writeMapping(mappings, tenant, DEFAULT_SCHEDULE, body);
    }

    /** {@link #writeMapping(java.nio.file.Path, String, String)} with the tenant's own Quartz {@code schedule}. */
    public String writeMapping(java.nio.file.Path mappings, String tenant, String schedule, String body) {
        try {
            java.nio.file.Files.createDirectories(mappings);
            java.nio.file.Path secret = mappings.resolveSibling(tenant + ".secret");
            java.nio.file.Files.writeString(secret, "not-a-real-secret");
            java.nio.file.Files.writeString(mappings.resolve(tenant + ".yaml"),
                    mapping(tenant, secret.toAbsolutePath().toString(), schedule, body));
            return mappings.toAbsolutePath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- changing the directory ----

    /** Adds or replaces a user: {@code attributes} as Graph names them (mail, givenName, department, ...). */
    public FakeDirectory user(String id, Map<String, Object> attributes) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("accountEnabled", true);
        user.put("userType", "Member");
        user.putAll(attributes);
        users.put(id, user);
        softDeleted.remove(id);
        return this;
    }

    public static Map<String, Object> person(String given, String surname, String mail, String department) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("displayName", given + " " + surname);
        map.put("givenName", given);
        map.put("surname", surname);
        map.put("mail", mail);
        map.put("userPrincipalName", mail);
        if (department != null) {
            map.put("department", department);
        }
        return map;
    }

    /** Sets an attribute; a null value removes it, as {@link #unset} does. */
    public FakeDirectory set(String userId, String attribute, Object value) {
        if (value == null) {
            return unset(userId, attribute);
        }
        users.get(userId).put(attribute, value);
        return this;
    }

    /**
     * Removes an attribute's value, as clearing a field in Entra does: a full read then leaves the attribute out, a
     * delta sends it as {@code null} (an empty list for businessPhones and otherMails), as Graph does.
     */
    public FakeDirectory unset(String userId, String attribute) {
        users.get(userId).remove(attribute);
        return this;
    }

    /** Soft delete (restorable): {@code @removed} reason {@code changed}; GET /users/{id} answers 404 as Graph does. */
    public FakeDirectory softDelete(String userId) {
        softDeleted.put(userId, "changed");
        return this;
    }

    /** Hard delete: {@code @removed} reason {@code deleted}, and GET /users/{id} answers 404. */
    public FakeDirectory delete(String userId) {
        users.remove(userId);
        softDeleted.remove(userId);
        groups.values().forEach(g -> g.members().remove(userId));
        return this;
    }

    public FakeDirectory restore(String userId) {
        softDeleted.remove(userId);
        return this;
    }

    public FakeDirectory group(String id, String displayName) {
        groups.putIfAbsent(id, new Group(displayName, new LinkedHashMap<>()));
        return this;
    }

    /** A new display name for a group (its id and members stay). */
    public FakeDirectory renameGroup(String groupId, String displayName) {
        groups.put(groupId, new Group(displayName, groups.get(groupId).members()));
        return this;
    }

    /** Group to the recycle bin: {@code @removed} reason {@code changed}; its members are kept for a restore. */
    public FakeDirectory softDeleteGroup(String groupId) {
        softDeletedGroups.put(groupId, groups.remove(groupId));
        return this;
    }

    /** A soft-deleted group comes back, as Graph restores it: with its name and every member. */
    public FakeDirectory restoreGroup(String groupId) {
        groups.put(groupId, softDeletedGroups.remove(groupId));
        return this;
    }

    public FakeDirectory member(String groupId, String memberId) {
        groups.get(groupId).members().put(memberId, groups.containsKey(memberId) ? "group" : "user");
        return this;
    }

    public FakeDirectory removeMember(String groupId, String memberId) {
        groups.get(groupId).members().remove(memberId);
        return this;
    }

    /** Access tokens from now on live this long (the service fetches a new one after half of it). */
    public FakeDirectory tokenLifetime(int seconds) {
        this.tokenLifetimeSeconds = seconds;
        return this;
    }

    /** The access token the token endpoint hands out from the next {@link #publish()} on. */
    public FakeDirectory accessToken(String token) {
        this.accessToken = token;
        return this;
    }

    /**
     * {@code GET /users/{id}} answers 200 for any id (one stub instead of one per user: WireMock registers stubs in
     * linear time each, so 100k per-user stubs take minutes). For large benchmarks that never hard-delete.
     */
    public FakeDirectory lookupsAlwaysFind() {
        this.lookupsAlwaysFind = true;
        return this;
    }

    /** Forgets every user, group and handed-out deltaLink (token versions keep counting); publish() to serve it. */
    public FakeDirectory clear() {
        users.clear();
        softDeleted.clear();
        softDeletedGroups.clear();
        groups.clear();
        issued.clear();
        return this;
    }

    /** The attributes of a user as served now (a copy), or null. */
    public Map<String, Object> userAttributes(String id) {
        return users.containsKey(id) ? new LinkedHashMap<>(users.get(id)) : null;
    }

    /**
     * Every deltaLink handed out so far answers as Graph answers an expired token of a directory object from now on:
     * 400 {@code syncStateNotFound}.
     */
    public FakeDirectory expireDeltaLinks() {
        expired = true;
        return this;
    }

    // ---- serving it ----

    /** Re-stubs every endpoint for the directory as it is now. */
    public void publish() {
        server.resetAll();
        pageBodies.clear();
        server.stubFor(post(urlPathMatching("/" + TENANT_ID + "/oauth2/v2.0/token")).willReturn(json(200,
                "{\"token_type\":\"Bearer\",\"expires_in\":" + tokenLifetimeSeconds + ",\"ext_expires_in\":"
                        + tokenLifetimeSeconds + ",\"access_token\":\"" + accessToken + "\"}")));
        String token = "v" + (++version);
        Snapshot now = snapshot();
        stubStream("users", null, userItems(new Snapshot(Map.of(), Set.of(), Map.of()), now, true), token);
        stubStream("groups", null, groupItems(new Snapshot(Map.of(), Set.of(), Map.of()), now), token);
        for (Map.Entry<String, Snapshot> old : issued.entrySet()) {
            if (expired) {
                for (String stream : List.of("users", "groups")) {
                    server.stubFor(get(urlPathEqualTo("/v1.0/" + stream + "/delta"))
                            .withQueryParam("$deltatoken", equalTo(old.getKey()))
                            .willReturn(json(400, "{\"error\":{\"code\":\"syncStateNotFound\",\"message\":"
                                    + "\"The sync state generation is not found. The delta token is expired and data "
                                    + "must be synchronized again.\"}}")));
                }
            } else {
                stubStream("users", old.getKey(), userItems(old.getValue(), now, false), token);
                stubStream("groups", old.getKey(), groupItems(old.getValue(), now), token);
            }
        }
        issued.put(token, now);
        // like Graph: the newest deltaLink answers "no changes" (and itself) until the directory changes
        stubStream("users", token, userItems(now, now, false), token);
        stubStream("groups", token, groupItems(now, now), token);
        expired = false;
        if (lookupsAlwaysFind) {
            server.stubFor(get(urlPathMatching("/v1.0/users/(?!delta)[^/()]+")).atPriority(9).willReturn(json(200, "{}")));
        } else {
            // like Graph: a soft-deleted user is in deletedItems, and GET /users/{id} answers 404 for it
            for (String id : activeUserIds()) {
                server.stubFor(get(urlPathEqualTo("/v1.0/users/" + id)).willReturn(json(200, JSON.writeValueAsString(users.get(id)))));
            }
        }
        stubGetByIds();
        server.stubFor(get(urlPathMatching("/v1.0/users/[^/]+")).atPriority(10).willReturn(json(404,
                "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"Resource does not exist.\"}}")));
    }

    /**
     * {@code POST /directoryObjects/getByIds} as Graph's "directoryObject: getByIds" documents it ({@code value[]} of
     * objects with {@code @odata.type}); this fake answers every listed user whatever ids were asked (callers keep
     * those they asked for), or, with {@link #lookupsAlwaysFind()}, echoes every id asked.
     */
    private void stubGetByIds() {
        var request = post(urlPathEqualTo("/v1.0/directoryObjects/getByIds"));
        if (lookupsAlwaysFind) {
            server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#directoryObjects\","
                            + "\"value\":[{{#each (jsonPath request.body '$.ids') as |id|}}{{#unless @first}},{{/unless}}"
                            + "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"{{id}}\"}{{/each}}]}")
                    .withTransformers("response-template")));
            return;
        }
        List<Map<String, Object>> value = new ArrayList<>();
        for (String id : activeUserIds()) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("@odata.type", "#microsoft.graph.user");
            object.put("id", id);
            object.put("accountEnabled", users.get(id).getOrDefault("accountEnabled", true));
            object.put("displayName", users.get(id).get("displayName"));
            value.add(object);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#directoryObjects");
        body.put("value", value);
        server.stubFor(request.willReturn(json(200, JSON.writeValueAsString(body))));
    }

    private Snapshot snapshot() {
        Map<String, Map<String, Object>> u = new TreeMap<>();
        users.forEach((id, attrs) -> u.put(id, new LinkedHashMap<>(attrs)));
        Map<String, Group> g = new TreeMap<>();
        groups.forEach((id, group) -> g.put(id, new Group(group.displayName(), new LinkedHashMap<>(group.members()))));
        return new Snapshot(u, Set.copyOf(softDeleted.keySet()), g);
    }

    private List<Object> userItems(Snapshot before, Snapshot now, boolean full) {
        List<Object> items = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : now.users().entrySet()) {
            String id = e.getKey();
            boolean gone = now.softDeleted().contains(id);
            boolean wasGone = before.softDeleted().contains(id) || !before.users().containsKey(id);
            if (gone) {
                if (!full && !wasGone) {
                    items.add(removed(id, "changed"));
                }
            } else if (full || wasGone || !e.getValue().equals(before.users().get(id))) {
                items.add(full || wasGone ? e.getValue() : withClears(before.users().get(id), e.getValue()));
            }
        }
        if (!full) {
            for (String id : before.users().keySet()) {
                if (!now.users().containsKey(id)) {
                    items.add(removed(id, "deleted"));
                }
            }
        }
        return items;
    }

    private List<Object> groupItems(Snapshot before, Snapshot now) {
        List<Object> items = new ArrayList<>();
        for (Map.Entry<String, Group> e : now.groups().entrySet()) {
            Group was = before.groups().get(e.getKey());
            List<Object> delta = new ArrayList<>();
            e.getValue().members().forEach((member, type) -> {
                if (was == null || !was.members().containsKey(member)) {
                    delta.add(Map.of("@odata.type", "#microsoft.graph." + type, "id", member));
                }
            });
            if (was != null) {
                was.members().forEach((member, type) -> {
                    if (!e.getValue().members().containsKey(member)) {
                        delta.add(Map.of("@odata.type", "#microsoft.graph." + type, "id", member,
                                "@removed", Map.of("reason", "deleted")));
                    }
                });
            }
            if (was == null || !delta.isEmpty() || !was.displayName().equals(e.getValue().displayName())) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", e.getKey());
                item.put("displayName", e.getValue().displayName());
                item.put("members@delta", delta);
                items.add(item);
            }
        }
        for (String id : before.groups().keySet()) {
            if (!now.groups().containsKey(id)) {
                items.add(removed(id, softDeletedGroups.containsKey(id) ? "changed" : "deleted"));
            }
        }
        return items;
    }

    /** A changed user's delta item: what it has now, and what it lost sent as null (or []), as Graph does. */
    private static Map<String, Object> withClears(Map<String, Object> before, Map<String, Object> now) {
        Map<String, Object> item = new LinkedHashMap<>(now);
        for (String attribute : before.keySet()) {
            if (!now.containsKey(attribute)) {
                item.put(attribute, MULTI_VALUED.contains(attribute) ? List.of() : null);
            }
        }
        return item;
    }

    private static Map<String, Object> removed(String id, String reason) {
        return Map.of("id", id, "@removed", Map.of("reason", reason));
    }

    private void stubStream(String stream, String fromToken, List<Object> items, String newToken) {
        int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
        String prefix = (fromToken == null ? "full" : fromToken) + "-" + newToken + "-";
        for (int p = 0; p < pages; p++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@odata.context", base() + "/v1.0/$metadata#" + stream);
            if (p < pages - 1) {
                body.put("@odata.nextLink", base() + "/v1.0/" + stream + "/delta?$skiptoken=" + prefix + (p + 1));
            } else {
                body.put("@odata.deltaLink", base() + "/v1.0/" + stream + "/delta?$deltatoken=" + newToken);
            }
            body.put("value", items.subList(p * pageSize, Math.min(items.size(), (p + 1) * pageSize)));
            var request = get(urlPathEqualTo("/v1.0/" + stream + "/delta"));
            if (p == 0) {
                request = fromToken == null ? request.withQueryParam("$deltatoken", absent()).withQueryParam("$skiptoken", absent())
                        : request.withQueryParam("$deltatoken", equalTo(fromToken));
            } else {
                request = request.withQueryParam("$skiptoken", equalTo(prefix + p));
            }
            String text = JSON.writeValueAsString(body);
            pageBodies.put(stream + ":" + (p == 0 ? (fromToken == null ? "full" : fromToken) : prefix + p), text);
            server.stubFor(request.willReturn(json(200, text)));
        }
    }

    /** The token the last {@link #publish()} puts into the deltaLinks it hands out ({@code v1}, {@code v2}, ...). */
    public String currentToken() {
        return "v" + version;
    }

    /**
     * The body published for one page: {@code key} is the page's {@code $skiptoken} value, the first page's
     * {@code $deltatoken}, or {@code full} for the first page of a full enumeration. Null if not published.
     */
    public String pageBody(String stream, String key) {
        return pageBodies.get(stream + ":" + key);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** The ids of users currently listed (not soft-deleted). */
    public Set<String> activeUserIds() {
        Set<String> ids = new LinkedHashSet<>(users.keySet());
        ids.removeAll(softDeleted.keySet());
        return ids;
    }
}
