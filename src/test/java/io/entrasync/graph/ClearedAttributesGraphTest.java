package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.DirectoryUser.Attribute;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.MemberChange.MemberType;
import io.entrasync.source.UserPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delta answers that clear properties, shaped like the examples of Graph's "user: delta" and "group: delta" pages
 * ({@code @odata.context}, a {@code @odata.deltaLink}, a changed user with {@code "department": null}, a group with
 * {@code "description": null} and {@code members@delta}), read through the real MSAL and Graph SDK clients: a
 * property sent as null or {@code []} is recorded as cleared, one left out is not.
 */
class ClearedAttributesGraphTest {

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();
    GraphDirectorySource source;

    @BeforeEach
    void setUp() {
        server.wireMock().resetAll();
        server.stubToken("token.json");
        source = GraphDirectorySourceTest.newSource(GraphDirectorySourceTest.FAST);
    }

    @Test
    void userDeltaWithNulls_recordsThemCleared_andWhatItLeavesOutAsNotSent() {
        server.wireMock().stubFor(get(urlPathEqualTo(GraphDirectorySourceTest.USERS_DELTA))
                .withQueryParam("$deltatoken", equalTo("saved"))
                .willReturn(server.json(200, "users-delta-cleared.json")));
        List<UserPage> pages = new ArrayList<>();

        DeltaOutcome outcome = source.readUsers(server.tenant(),
                GraphDirectorySourceTest.stored(server.base() + GraphDirectorySourceTest.USERS_DELTA + "?$deltatoken=saved"),
                false, pages::add);

        assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
        List<DirectoryUser> users = pages.get(0).users();
        DirectoryUser adele = users.get(0);
        assertThat(adele.cleared()).containsExactlyInAnyOrder(Attribute.BUSINESS_PHONES, Attribute.JOB_TITLE,
                Attribute.MOBILE_PHONE, Attribute.OFFICE_LOCATION, Attribute.DEPARTMENT);
        assertThat(adele.department()).isNull();
        assertThat(adele.mail()).isEqualTo("AdeleV@contoso.com");
        assertThat(adele.clears(Attribute.COMPANY_NAME)).as("not in the item: not sent").isFalse();
        DirectoryUser alex = users.get(1);
        assertThat(alex.displayName()).isEqualTo("Alex Wilber");
        assertThat(alex.cleared()).isEmpty();
    }

    @Test
    void groupDeltaWithDescriptionNull_recordsItCleared_andAMembersOnlyItemClearsNothing() {
        server.wireMock().stubFor(get(urlPathEqualTo(GraphDirectorySourceTest.GROUPS_DELTA))
                .withQueryParam("$deltatoken", equalTo("saved"))
                .willReturn(server.json(200, "groups-delta-cleared.json")));
        List<GroupPage> pages = new ArrayList<>();

        DeltaOutcome outcome = source.readGroups(server.tenant(),
                new SelectFingerprint(GraphDirectorySource.GROUP_SELECT).tag(server.base()
                        + GraphDirectorySourceTest.GROUPS_DELTA + "?$deltatoken=saved"), false, pages::add);

        assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
        String berlin = "aa7fba1c-0d44-4b0a-a4b0-4f4c1d8e6c01";
        String team = "bb8fcb2d-1e55-4c1b-b5c1-5a5d2e9f7d02";
        assertThat(pages.get(0).groups()).containsExactly(new DirectoryGroup(berlin, "Contoso Berlin", null, true),
                new DirectoryGroup(team, null, null, false));
        assertThat(pages.get(0).memberChanges()).containsExactly(
                new MemberChange(berlin, "87d349ed-44d7-43e1-9a83-5f2406dee5bd", MemberType.USER, false),
                new MemberChange(team, "5bde3e51-d13b-4db1-9948-fe4b109d11a7", MemberType.USER, true));
    }
}
