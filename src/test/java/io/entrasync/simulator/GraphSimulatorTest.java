package io.entrasync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.UserPage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Graph adapter (MSAL4J, Graph SDK, OkHttp over TLS) against the simulator. */
class GraphSimulatorTest {

    private static final String TENANT_ID = "00000000-0000-0000-0000-0000000000de";

    private static GraphSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(SimulatedTenant.KEYSTORE_DIR).withPageSize(50));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static SimulatedTenant tenant(String tenantId, int users) {
        simulator.register(TenantRegistration.withSecret(tenantId, SimulatedTenant.CLIENT_ID, SimulatedTenant.SECRET),
                DirectoryShape.of(users, 40, 7));
        return new SimulatedTenant(simulator, tenantId);
    }

    @Test
    void fullEnumeration_listsEveryUserGroupAndMembershipAcrossPages() {
        SimulatedTenant tenant = tenant(TENANT_ID, 300);
        TenantDirectory.Stats stats = simulator.directory(TENANT_ID).stats();

        SimulatedTenant.Read<UserPage> users = tenant.users(null);
        SimulatedTenant.Read<GroupPage> groups = tenant.groups(null);

        List<DirectoryUser> all = users.pages().stream().flatMap(p -> p.users().stream()).collect(Collectors.toList());
        assertThat(all).hasSize(300).extracting(DirectoryUser::id).doesNotHaveDuplicates();
        assertThat(users.pages()).hasSize(6);
        assertThat(users.deltaLink()).contains("/v1.0/users/delta?$deltatoken=");
        assertThat(all).filteredOn(DirectoryUser::isGuest).isNotEmpty()
                .allSatisfy(u -> assertThat(u.userPrincipalName()).contains("#EXT#"));
        assertThat(all).filteredOn(u -> !u.accountEnabled()).isNotEmpty();
        assertThat(all).filteredOn(u -> !u.isGuest()).allSatisfy(u -> {
            assertThat(u.companyName()).isEqualTo("Contoso");
            assertThat(u.department()).isNotBlank();
            assertThat(u.officeLocation()).isNotBlank();
            assertThat(u.jobTitle()).isNotBlank();
        });
        Set<String> groupNames = groups.pages().stream().flatMap(p -> p.groups().stream())
                .map(g -> g.displayName()).collect(Collectors.toSet());
        assertThat(groupNames).hasSize(40)
                .contains("Helpdesk Users", "Berlin Office", "Paris Office", "Site Admins", "No Auto Tickets");
        List<MemberChange> members = groups.pages().stream().flatMap(p -> p.memberChanges().stream()).toList();
        assertThat(members).noneMatch(MemberChange::removed);
        assertThat(members.stream().filter(m -> m.memberType() == MemberChange.MemberType.USER).count())
                .isEqualTo(stats.userMemberships()).isBetween(4L * 300, 6L * 300);
        assertThat(members.stream().filter(m -> m.memberType() == MemberChange.MemberType.GROUP).count())
                .isEqualTo(stats.groupMemberships());
        assertThat(groups.pages()).hasSizeGreaterThan(1);
        assertThat(groups.deltaLink()).contains("/v1.0/groups/delta?$deltatoken=");
    }

    @Test
    void delta_returnsExactlyTheChangedAndRemovedUsers() {
        SimulatedTenant tenant = tenant("delta-users", 300);
        String deltaLink = tenant.users(null).deltaLink();
        AppliedChanges first = simulator.apply("delta-users", ChangePlan.none().with(ChangeKind.EDIT, 5)
                .with(ChangeKind.DISABLE, 2).with(ChangeKind.SOFT_DELETE, 3).with(ChangeKind.ADD, 2), new Random(1));
        AppliedChanges second = simulator.apply("delta-users", ChangePlan.none().with(ChangeKind.PURGE, 1)
                .with(ChangeKind.RESTORE, 1), new Random(2));

        SimulatedTenant.Read<UserPage> delta = tenant.users(deltaLink);

        Set<String> purged = ids(second, ChangeKind.PURGE);
        Set<String> restored = ids(second, ChangeKind.RESTORE);
        Set<String> softDeleted = new HashSet<>(ids(first, ChangeKind.SOFT_DELETE));
        softDeleted.removeAll(purged);
        softDeleted.removeAll(restored);
        Set<String> present = new HashSet<>(ids(first, ChangeKind.EDIT));
        present.addAll(ids(first, ChangeKind.DISABLE));
        present.addAll(ids(first, ChangeKind.ADD));
        present.addAll(restored);
        present.removeAll(softDeleted);
        present.removeAll(purged);
        List<RemovedObject> removed = delta.pages().stream().flatMap(p -> p.removed().stream()).toList();
        assertThat(delta.pages().stream().flatMap(p -> p.users().stream()).map(DirectoryUser::id))
                .containsExactlyInAnyOrderElementsOf(present);
        List<RemovedObject> expectedRemoved = new java.util.ArrayList<>();
        softDeleted.forEach(id -> expectedRemoved.add(new RemovedObject(id, RemovedObject.Reason.SOFT_DELETED)));
        purged.forEach(id -> expectedRemoved.add(new RemovedObject(id, RemovedObject.Reason.DELETED)));
        assertThat(purged).hasSize(1);
        assertThat(restored).hasSize(1);
        assertThat(removed).containsExactlyInAnyOrderElementsOf(expectedRemoved);

        SimulatedTenant.Read<UserPage> quiet = tenant.users(delta.deltaLink());
        assertThat(quiet.pages().stream().mapToInt(p -> p.users().size() + p.removed().size()).sum()).isZero();
    }

    @Test
    void edits_sometimesRemoveAnAttribute_whichTheDeltaSendsAsNull() {
        SimulatedTenant tenant = tenant("delta-clears", 300);
        List<DirectoryUser> fresh = tenant.users(null).pages().stream().flatMap(p -> p.users().stream())
                .filter(u -> !u.isGuest()).toList();
        String deltaLink = tenant.users(null).deltaLink();
        simulator.apply("delta-clears", ChangePlan.none().with(ChangeKind.EDIT, 120), new Random(4));

        List<DirectoryUser> edited = tenant.users(deltaLink).pages().stream().flatMap(p -> p.users().stream())
                .filter(u -> !u.isGuest()).toList();

        Set<DirectoryUser.Attribute> removable = Set.of(DirectoryUser.Attribute.DEPARTMENT,
                DirectoryUser.Attribute.JOB_TITLE, DirectoryUser.Attribute.OFFICE_LOCATION);
        assertThat(fresh).allSatisfy(u -> assertThat(u.cleared()).doesNotContainAnyElementsOf(removable));
        for (DirectoryUser.Attribute attribute : removable) {
            assertThat(edited).as(attribute.graphName()).filteredOn(u -> u.clears(attribute)).isNotEmpty();
        }
        assertThat(edited).filteredOn(u -> u.clears(DirectoryUser.Attribute.JOB_TITLE))
                .allSatisfy(u -> assertThat(u.jobTitle()).isNull());
    }

    @Test
    void delta_purgedUser_isRemovedWithReasonDeleted() {
        SimulatedTenant tenant = tenant("delta-purge", 100);
        simulator.apply("delta-purge", ChangePlan.none().with(ChangeKind.SOFT_DELETE, 1), new Random(3));
        String deltaLink = tenant.users(null).deltaLink();
        AppliedChanges purge = simulator.apply("delta-purge", ChangePlan.none().with(ChangeKind.PURGE, 1),
                new Random(4));

        List<RemovedObject> removed = tenant.users(deltaLink).pages().stream()
                .flatMap(p -> p.removed().stream()).toList();

        assertThat(removed).containsExactly(new RemovedObject(purge.changes().get(0).userId(),
                RemovedObject.Reason.DELETED));
    }

    @Test
    void delta_returnsNetMembershipChangesOfMovesAndDeletions() {
        SimulatedTenant tenant = tenant("delta-groups", 300);
        String deltaLink = tenant.groups(null).deltaLink();
        AppliedChanges moves = simulator.apply("delta-groups", ChangePlan.none().with(ChangeKind.MOVE, 6),
                new Random(5));

        List<MemberChange> changes = tenant.groups(deltaLink).pages().stream()
                .flatMap(p -> p.memberChanges().stream()).toList();

        Map<List<String>, boolean[]> net = new HashMap<>();
        for (AppliedChanges.Change move : moves.changes()) {
            net.computeIfAbsent(List.of(move.fromGroupId(), move.userId()), k -> new boolean[] {true, true})[1] = false;
            net.computeIfAbsent(List.of(move.toGroupId(), move.userId()), k -> new boolean[] {false, false})[1] = true;
        }
        List<MemberChange> expected = net.entrySet().stream().filter(e -> e.getValue()[0] != e.getValue()[1])
                .map(e -> new MemberChange(e.getKey().get(0), e.getKey().get(1), MemberChange.MemberType.USER,
                        !e.getValue()[1]))
                .toList();
        assertThat(moves.changes()).hasSize(6);
        assertThat(changes).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void delta_softDeletedUser_leavesAllGroups_andRestoredUserComesBack() {
        SimulatedTenant tenant = tenant("delta-restore", 200);
        String deltaLink = tenant.groups(null).deltaLink();
        String userId = simulator.apply("delta-restore", ChangePlan.none().with(ChangeKind.SOFT_DELETE, 1),
                new Random(6)).changes().get(0).userId();

        SimulatedTenant.Read<GroupPage> afterDelete = tenant.groups(deltaLink);
        simulator.apply("delta-restore", ChangePlan.none().with(ChangeKind.RESTORE, 1), new Random(7));
        SimulatedTenant.Read<GroupPage> afterRestore = tenant.groups(afterDelete.deltaLink());
        SimulatedTenant.Read<GroupPage> acrossBoth = tenant.groups(deltaLink);

        List<MemberChange> removed = memberChanges(afterDelete);
        assertThat(removed).isNotEmpty().allMatch(m -> m.memberId().equals(userId) && m.removed());
        assertThat(memberChanges(afterRestore)).containsExactlyInAnyOrderElementsOf(removed.stream()
                .map(m -> new MemberChange(m.groupId(), m.memberId(), m.memberType(), false)).toList());
        assertThat(memberChanges(acrossBoth)).isEmpty();
    }

    @Test
    void softDeletedGroup_isRemovedAsChanged_andRestoredWithEveryMember() {
        SimulatedTenant tenant = tenant("group-restore", 200);
        SimulatedTenant.Read<GroupPage> full = tenant.groups(null);
        int berlin = simulator.directory("group-restore").groupIndex("Berlin Office");
        String berlinId = simulator.directory("group-restore").groupId(berlin);
        List<MemberChange> berlinMembers = memberChanges(full).stream().filter(m -> m.groupId().equals(berlinId)).toList();
        simulator.softDeleteGroup("group-restore", berlin);

        SimulatedTenant.Read<GroupPage> afterDelete = tenant.groups(full.deltaLink());
        SimulatedTenant.Read<GroupPage> fullWhileDeleted = tenant.groups(null);
        simulator.restoreGroup("group-restore", berlin);
        SimulatedTenant.Read<GroupPage> afterRestore = tenant.groups(afterDelete.deltaLink());

        assertThat(berlinMembers).isNotEmpty();
        assertThat(afterDelete.pages().stream().flatMap(p -> p.removed().stream()).toList())
                .containsExactly(new RemovedObject(berlinId, RemovedObject.Reason.SOFT_DELETED));
        assertThat(fullWhileDeleted.pages().stream().flatMap(p -> p.groups().stream()).map(g -> g.id()))
                .doesNotContain(berlinId);
        assertThat(afterRestore.pages().stream().flatMap(p -> p.groups().stream()).map(g -> g.displayName()))
                .containsExactly("Berlin Office");
        assertThat(memberChanges(afterRestore)).containsExactlyInAnyOrderElementsOf(berlinMembers);
    }

    @Test
    void renamedGroup_arrivesWithItsNewName_andNoMemberChanges() {
        SimulatedTenant tenant = tenant("group-rename", 100);
        String deltaLink = tenant.groups(null).deltaLink();
        int paris = simulator.directory("group-rename").groupIndex("Paris Office");
        simulator.renameGroup("group-rename", paris, "Paris Campus");

        SimulatedTenant.Read<GroupPage> delta = tenant.groups(deltaLink);

        assertThat(delta.pages().stream().flatMap(p -> p.groups().stream()).toList()).singleElement()
                .satisfies(g -> {
                    assertThat(g.id()).isEqualTo(simulator.directory("group-rename").groupId(paris));
                    assertThat(g.displayName()).isEqualTo("Paris Campus");
                });
        assertThat(memberChanges(delta)).isEmpty();
    }

    @Test
    void getByIds_confirmsSoftDeletedPurgedAndUnknownUsersMissing_andKeepsLiveOnes() {
        SimulatedTenant tenant = tenant("get-by-ids", 120);
        AppliedChanges changes = simulator.apply("get-by-ids", ChangePlan.none().with(ChangeKind.SOFT_DELETE, 2)
                .with(ChangeKind.PURGE, 1), new Random(3));
        Set<String> gone = new HashSet<>(ids(changes, ChangeKind.SOFT_DELETE));
        gone.addAll(ids(changes, ChangeKind.PURGE));
        List<String> asked = new java.util.ArrayList<>(gone);
        for (int i = 0; i < 120; i++) {
            asked.add(simulator.directory("get-by-ids").userId(i));
        }
        asked.add("c6b56b5d-8a0f-4b0e-8f6e-2a4b3a2a9e11");

        Set<String> missing = tenant.source.missingUsers(tenant.connection(), asked);

        assertThat(gone).isNotEmpty();
        assertThat(missing).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(gone.stream(),
                java.util.stream.Stream.of("c6b56b5d-8a0f-4b0e-8f6e-2a4b3a2a9e11")).toList());
    }

    @Test
    void expiredOrUnknownDeltaToken_requiresResync() {
        SimulatedTenant tenant = tenant("expired", 50);
        String deltaLink = tenant.users(null).deltaLink();
        simulator.expireDeltaTokens("expired");

        DeltaOutcome expired = tenant.users(deltaLink).outcome();
        DeltaOutcome unknown = tenant.users(deltaLink.replaceAll("deltatoken=.*", "deltatoken=bm90LWEtdG9rZW4")).outcome();

        assertThat(expired).isEqualTo(new DeltaOutcome.ResyncRequired("syncStateNotFound", DeltaOutcome.ReadStats.NONE));
        assertThat(unknown).isInstanceOf(DeltaOutcome.ResyncRequired.class);
        assertThat(tenant.users(null).outcome()).isInstanceOf(DeltaOutcome.Completed.class);
    }

    @Test
    void wrongClientSecret_isRefusedLikeEntra() {
        SimulatedTenant tenant = tenant("wrong-secret", 10);

        assertThatThrownBy(() -> tenant.source.readUsers(tenant.connection("not-the-secret"), null, false, p -> { }))
                .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("AADSTS7000215");
                });
    }

    @Test
    void userExists_trueForLiveUsers_falseForDeletedAndUnknown() {
        SimulatedTenant tenant = tenant("exists", 20);
        TenantDirectory directory = simulator.directory("exists");
        String deleted = simulator.apply("exists", ChangePlan.none().with(ChangeKind.SOFT_DELETE, 1), new Random(8))
                .changes().get(0).userId();
        String live = directory.userId(0).equals(deleted) ? directory.userId(1) : directory.userId(0);

        assertThat(tenant.source.userExists(tenant.connection(), live)).isTrue();
        assertThat(tenant.source.userExists(tenant.connection(), deleted)).isFalse();
        assertThat(tenant.source.userExists(tenant.connection(), "c6b56b5d-8a0f-4b0e-8f6e-2a4b3a2a9e11")).isFalse();
    }

    @Test
    void certificateCredential_clientAssertionIsVerifiedAgainstTheRegisteredCertificate() throws Exception {
        java.security.KeyStore keys = SimulatorKeystore.loadOrCreate(SimulatedTenant.KEYSTORE_DIR);
        java.security.cert.X509Certificate certificate =
                (java.security.cert.X509Certificate) keys.getCertificate(SimulatorKeystore.ALIAS);
        java.nio.file.Path cert = pem("app.crt", "CERTIFICATE", certificate.getEncoded());
        java.nio.file.Path key = pem("app.key", "PRIVATE KEY",
                keys.getKey(SimulatorKeystore.ALIAS, SimulatorKeystore.PASSWORD).getEncoded());
        simulator.register(new TenantRegistration("cert", SimulatedTenant.CLIENT_ID, null, certificate),
                DirectoryShape.of(30, 12, 2));
        simulator.register(new TenantRegistration("other-cert", SimulatedTenant.CLIENT_ID, null,
                (java.security.cert.X509Certificate) SimulatedTenant.otherCertificate()), DirectoryShape.of(30, 12, 2));
        SimulatedTenant tenant = new SimulatedTenant(simulator, "cert");
        io.entrasync.source.TenantConnection.Credentials credentials =
                new io.entrasync.source.TenantConnection.Credentials(null, null, cert, key);

        DeltaOutcome accepted = tenant.source.readUsers(tenant.connection(credentials), null, false,
                p -> { });

        assertThat(accepted).isInstanceOf(DeltaOutcome.Completed.class);
        SimulatedTenant other = new SimulatedTenant(simulator, "other-cert");
        assertThatThrownBy(() -> other.source.readUsers(other.connection(credentials), null, false,
                p -> { }))
                .isInstanceOfSatisfying(DirectorySourceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("AADSTS700027"));
    }

    @Test
    void driftOnEveryDelta_changesTheDirectoryBeforeEachDeltaRound() {
        SimulatorSettings drifting = new SimulatorSettings(0, SimulatedTenant.KEYSTORE_DIR, 200, java.time.Duration.ZERO,
                java.time.Duration.ZERO, true, 2);
        try (GraphSimulator own = GraphSimulator.start(drifting)) {
            own.register(TenantRegistration.withSecret("drift", SimulatedTenant.CLIENT_ID, SimulatedTenant.SECRET),
                    DirectoryShape.of(100, 20, 3));
            SimulatedTenant tenant = new SimulatedTenant(own, "drift");
            String deltaLink = tenant.users(null).deltaLink();

            SimulatedTenant.Read<UserPage> delta = tenant.users(deltaLink);

            assertThat(own.directory("drift").stats().version()).isEqualTo(1);
            assertThat(delta.pages().stream().mapToInt(p -> p.users().size() + p.removed().size()).sum())
                    .isBetween(4, 7);
        }
    }

    private static java.nio.file.Path pem(String name, String label, byte[] der) throws Exception {
        String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return java.nio.file.Files.writeString(SimulatedTenant.KEYSTORE_DIR.resolve(name),
                "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
    }

    private static Set<String> ids(AppliedChanges changes, ChangeKind kind) {
        return changes.changes().stream().filter(c -> c.kind() == kind).map(AppliedChanges.Change::userId)
                .collect(Collectors.toSet());
    }

    private static List<MemberChange> memberChanges(SimulatedTenant.Read<GroupPage> read) {
        return read.pages().stream().flatMap(p -> p.memberChanges().stream()).toList();
    }
}
