package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.directory.DirectoryStore;
import io.entrasync.reconcile.Change;
import io.entrasync.reconcile.DesiredAccount;
import io.entrasync.reconcile.Field;
import io.entrasync.reconcile.FieldDiff;
import io.entrasync.reconcile.LocalAccount;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes of a run's apply phase: new accounts in bulk, account snapshots, open tickets of deactivations, and
 * the change log. PostgreSQL takes array ({@code unnest}) statements, H2 the batched fallback; both must behave
 * alike. Run by {@link ApplyPathPostgresTest} and {@link ApplyPathH2Test}.
 */
abstract class ApplyPathContract {

    @Autowired
    DirectoryStore store;
    @Autowired
    ChangeLog changeLog;
    @Autowired
    SyncRuns runs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    String tag;

    @BeforeEach
    void tag() {
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    <T> T inTx(Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }

    Change.Create create(String externalId, String email) {
        return new Change.Create(externalId, new DesiredAccount(email, "First " + externalId, "Last", "+1 555",
                null, "Engineer", "Site " + tag, "Dept " + tag, false, true, null));
    }

    String email(String name) {
        return name + "." + tag + "@apply.example";
    }

    @Test
    void createAll_insertsEveryAccount_andAnswersTheirIds() {
        var creates = List.of(create("e1-" + tag, email("ann")), create("e2-" + tag, email("bob")));

        Map<String, Long> ids = inTx(() -> store.createAll("t-" + tag, creates, new DirectoryStore.NameCache()));

        assertThat(ids).containsOnlyKeys("e1-" + tag, "e2-" + tag);
        var row = jdbc.queryForMap("select u.email, u.email_key, u.first_name, u.external_id, u.tenant, u.association, "
                + "u.active, u.auto_ticket_disabled, u.job_title, s.name site, d.name dept from end_user u "
                + "join site s on s.id = u.site_id join department d on d.id = u.department_id where u.id = ?",
                ids.get("e1-" + tag));
        assertThat(row).containsEntry("email", email("ann")).containsEntry("email_key", email("ann"))
                .containsEntry("first_name", "First e1-" + tag).containsEntry("external_id", "e1-" + tag)
                .containsEntry("tenant", "t-" + tag).containsEntry("association", "STRONG")
                .containsEntry("active", true).containsEntry("auto_ticket_disabled", true)
                .containsEntry("job_title", "Engineer").containsEntry("site", "Site " + tag)
                .containsEntry("dept", "Dept " + tag);
    }

    @Test
    void createAll_emailTakenByAnotherTenantMeanwhile_leavesThatAccountOut() {
        inTx(() -> store.createAll("other-" + tag, List.of(create("x-" + tag, email("Carol"))),
                new DirectoryStore.NameCache()));

        Map<String, Long> ids = inTx(() -> store.createAll("t-" + tag, List.of(create("c-" + tag, email("carol")),
                create("d-" + tag, email("dan"))), new DirectoryStore.NameCache()));

        assertThat(ids).containsOnlyKeys("d-" + tag);
        assertThat(jdbc.queryForObject("select tenant from end_user where email_key = ?", String.class, email("carol")))
                .isEqualTo("other-" + tag);
    }

    @Test
    void load_findsAccountsByExternalIdAndByEmail_withoutCountingTickets() {
        Map<String, Long> ids = inTx(() -> store.createAll("t-" + tag, List.of(create("e1-" + tag, email("ann")),
                create("e2-" + tag, email("bob"))), new DirectoryStore.NameCache()));

        var local = inTx(() -> store.load("t-" + tag, List.of("e1-" + tag, "nobody"),
                List.of(email("ann"), email("BOB"), email("nobody"))));

        LocalAccount ann = local.byExternalId("t-" + tag, "e1-" + tag).orElseThrow();
        assertThat(ann.id()).isEqualTo(ids.get("e1-" + tag));
        assertThat(ann.siteName()).isEqualTo("Site " + tag);
        assertThat(local.byEmail(email("bob")).orElseThrow().id()).isEqualTo(ids.get("e2-" + tag));
        assertThat(local.byEmail(email("nobody"))).isEmpty();
        assertThat(ann.openTickets()).isZero();
    }

    @Test
    void openTickets_countsOnlyTicketsNotYetResolved() {
        Map<String, Long> ids = inTx(() -> store.createAll("t-" + tag, List.of(create("e1-" + tag, email("ann")),
                create("e2-" + tag, email("bob"))), new DirectoryStore.NameCache()));
        long ann = ids.get("e1-" + tag);
        long site = jdbc.queryForObject("select site_id from end_user where id = ?", Long.class, ann);
        for (String status : List.of("OPEN", "PENDING", "CLOSED", "RESOLVED")) {
            jdbc.update("insert into ticket (id, user_id, site_id, subject, source, status, created_at) values "
                    + "(nextval('ticket_seq'), ?, ?, 'Help', 'EMAIL', ?, current_timestamp)", ann, site, status);
        }

        Map<Long, Integer> open = store.openTickets(List.of(ann, ids.get("e2-" + tag)));

        assertThat(open).containsExactly(Map.entry(ann, 2));
    }

    @Test
    void changeLog_survivesTheRollbackOfTheRunsTransaction_inPlanningOrder() {
        long runId = runs.queue("apply-" + tag, SyncMode.FULL, RunTrigger.MANUAL, true, null).getId();
        List<ChangeLog.Entry> entries = List.of(
                new ChangeLog.Entry(runId, 7L, "e1", "ann@x.example", "UPDATE", null,
                        List.of(new FieldDiff(Field.JOB_TITLE, "Old \"title\"", null)), null, false),
                new ChangeLog.Entry(runId, null, "e2", null, "SKIP", "EMAIL_CLAIMED: taken", List.of(), null, false),
                new ChangeLog.Entry(runId, 9L, "e0", "zed@x.example", "DEACTIVATE", "DELETED", List.of(), 3, true));

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            changeLog.record(entries);
            status.setRollbackOnly();
        });

        var rows = changeLog.page(runId, null, 0, 10);
        assertThat(rows).extracting(ChangeLog.Row::externalId).containsExactly("e1", "e2", "e0");
        assertThat(rows.get(0).userId()).isEqualTo(7L);
        assertThat(rows.get(0).diffs()).isEqualTo("[{\"field\":\"JOB_TITLE\",\"before\":\"Old \\\"title\\\"\",\"after\":null}]");
        assertThat(rows.get(1).userId()).isNull();
        assertThat(rows.get(1).email()).isNull();
        assertThat(rows.get(1).reason()).isEqualTo("EMAIL_CLAIMED: taken");
        assertThat(rows.get(1).diffs()).isNull();
        assertThat(rows.get(1).openTickets()).isNull();
        assertThat(rows.get(2).openTickets()).isEqualTo(3);
        assertThat(rows.get(2).mainSiteUser()).isTrue();
        assertThat(changeLog.count(runId, "DEACTIVATE")).isEqualTo(1);
        runs.finish(runId, RunStatus.SUCCEEDED, null, null);
    }

    Change.Create createOn(String externalId, String email, String site) {
        return new Change.Create(externalId, new DesiredAccount(email, "First", "Last", null, null, null, site, null,
                false, false, null));
    }

    long siteOf(long accountId) {
        return jdbc.queryForObject("select site_id from end_user where id = ?", Long.class, accountId);
    }

    @Test
    void sitesAreResolvedPerTenant_aManualSiteOrAnotherTenantsSiteOfThatNameIsNeverReused() {
        jdbc.update("insert into site (id, name, name_key, main_user_only_tickets, tenant, owner_key, created_at) values "
                + "(nextval('site_seq'), ?, ?, false, null, '', current_timestamp)", "HQ " + tag, ("hq " + tag));

        long a = inTx(() -> store.createAll("a-" + tag, List.of(createOn("a1", email("ann"), "HQ " + tag)),
                new DirectoryStore.NameCache())).get("a1");
        long b = inTx(() -> store.createAll("b-" + tag, List.of(createOn("b1", email("bob"), "hq " + tag)),
                new DirectoryStore.NameCache())).get("b1");
        long aAgain = inTx(() -> store.createAll("a-" + tag, List.of(createOn("a2", email("cid"), " HQ " + tag)),
                new DirectoryStore.NameCache())).get("a2");

        assertThat(jdbc.queryForList("select coalesce(tenant, 'manual') from site where name_key = ? order by 1",
                String.class, "hq " + tag)).containsExactly("a-" + tag, "b-" + tag, "manual");
        assertThat(siteOf(a)).isNotEqualTo(siteOf(b));
        assertThat(siteOf(aAgain)).as("a tenant's later run finds its own site").isEqualTo(siteOf(a));
        assertThat(jdbc.queryForObject("select tenant from site where id = ?", String.class, siteOf(a)))
                .isEqualTo("a-" + tag);
    }

    @Test
    void runsOfTwoTenants_createTheirSitesOfOneNameAtOnce_withoutWaitingForEachOther() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Map<String, Long>> first = CompletableFuture.supplyAsync(() -> inTx(() -> {
            Map<String, Long> ids = store.createAll("a-" + tag, List.of(createOn("a1", email("ann"), "Shared " + tag)),
                    new DirectoryStore.NameCache());
            inserted.countDown();
            await(release);
            return ids;
        }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();

        Map<String, Long> second = CompletableFuture.supplyAsync(() -> inTx(() -> store.createAll("b-" + tag,
                List.of(createOn("b1", email("bob"), "Shared " + tag)), new DirectoryStore.NameCache())))
                .get(10, TimeUnit.SECONDS);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).containsOnlyKeys("a1");
        assertThat(second).containsOnlyKeys("b1");
        assertThat(siteOf(first.get().get("a1"))).isNotEqualTo(siteOf(second.get("b1")));
    }

    /**
     * Departments are shared by every tenant: two runs creating the same two departments in opposite order, both
     * transactions open, once deadlocked (PostgreSQL failed one run; H2 timed out). Now each department is created
     * in a short transaction of its own and both runs go through.
     */
    @Test
    void runsOfTwoTenants_createTwoSharedDepartmentsInOppositeOrder_bothSucceed() throws Exception {
        String x = "X " + tag;
        String y = "Y " + tag;
        CountDownLatch firstHasX = new CountDownLatch(1);
        CountDownLatch secondHasY = new CountDownLatch(1);
        CompletableFuture<Map<String, Long>> first = CompletableFuture.supplyAsync(() -> inTx(() -> {
            DirectoryStore.NameCache cache = new DirectoryStore.NameCache();
            Map<String, Long> ids = new java.util.HashMap<>(store.createAll("a-" + tag,
                    List.of(createIn("a1", email("ann"), x)), cache));
            firstHasX.countDown();
            await(secondHasY);
            pause(300); // the second run is asking for X meanwhile
            ids.putAll(store.createAll("a-" + tag, List.of(createIn("a2", email("amy"), y)), cache));
            return ids;
        }));
        CompletableFuture<Map<String, Long>> second = CompletableFuture.supplyAsync(() -> inTx(() -> {
            DirectoryStore.NameCache cache = new DirectoryStore.NameCache();
            await(firstHasX);
            Map<String, Long> ids = new java.util.HashMap<>(store.createAll("b-" + tag,
                    List.of(createIn("b1", email("bob"), y)), cache));
            secondHasY.countDown();
            ids.putAll(store.createAll("b-" + tag, List.of(createIn("b2", email("ben"), x)), cache));
            return ids;
        }));

        Map<String, Long> a = first.get(60, TimeUnit.SECONDS);
        Map<String, Long> b = second.get(60, TimeUnit.SECONDS);

        assertThat(departmentOf(a.get("a1"))).isEqualTo(departmentOf(b.get("b2")));
        assertThat(departmentOf(a.get("a2"))).isEqualTo(departmentOf(b.get("b1")));
        assertThat(jdbc.queryForObject("select count(*) from department where name_key in (?, ?)", Integer.class,
                x.toLowerCase(java.util.Locale.ROOT), y.toLowerCase(java.util.Locale.ROOT))).isEqualTo(2);
    }

    Change.Create createIn(String externalId, String email, String department) {
        return new Change.Create(externalId, new DesiredAccount(email, "First", "Last", null, null, null,
                "Site " + tag, department, false, false, null));
    }

    long departmentOf(long accountId) {
        return jdbc.queryForObject("select department_id from end_user where id = ?", Long.class, accountId);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Two runs' transactions open at once: the later insert waits for the earlier and then leaves its row out. */
    void concurrentCreation_ofOneEmail_leavesTheLaterRunsAccountOut() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Map<String, Long>> first = CompletableFuture.supplyAsync(() -> inTx(() -> {
            Map<String, Long> ids = store.createAll("a-" + tag, List.of(create("a1-" + tag, email("eve"))),
                    new DirectoryStore.NameCache());
            inserted.countDown();
            await(release);
            return ids;
        }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        // the site and department exist before the second run starts, so it waits on the email alone
        CompletableFuture<Map<String, Long>> second = CompletableFuture.supplyAsync(() -> inTx(() -> store.createAll(
                "b-" + tag, List.of(create("b1-" + tag, email("EVE")), create("b2-" + tag, email("fay"))),
                new DirectoryStore.NameCache())));
        Thread.sleep(300);
        assertThat(second).as("waits for the first run's transaction").isNotDone();

        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).containsOnlyKeys("a1-" + tag);
        assertThat(second.get(30, TimeUnit.SECONDS)).containsOnlyKeys("b2-" + tag);
        assertThat(jdbc.queryForObject("select tenant from end_user where email_key = ?", String.class, email("eve")))
                .isEqualTo("a-" + tag);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
