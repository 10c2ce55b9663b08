package io.entrasync.mirror;

import io.entrasync.source.GroupPage;
import io.entrasync.source.UserPage;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The local copy of each tenant's remote directory as last seen, written with batched plain JDBC.
 *
 * <p><b>Transactions:</b> every method joins the caller's transaction and never opens one; the writing methods
 * require one ({@link Propagation#MANDATORY}). {@link #forEachUser} streams only inside a transaction on
 * PostgreSQL (the driver needs autocommit off to honour the fetch size).
 *
 * <p><b>Runs:</b> {@code runId} must grow from run to run. A delta page gives every user, group and membership it
 * mentions {@code last_seen_run = runId}; a full enumeration ({@link #beginFullRead}) is staged and merged at its
 * end, writing only the rows it changes, and finds what it did not see from its staging.
 *
 * <p><b>Idempotency:</b> re-applying a page leaves the mirror as it was (only {@code last_seen_run} moves). The
 * ids a page returns are computed from the mirror before the page is written, so a page re-applied after its
 * first application was committed reports users under a removed or renamed group no more; commit the mirror
 * together with what the caller derives from the answer.
 *
 * <p>Never returns null; collections may be empty.
 */
@Repository
public class DirectoryMirror {

    private final JdbcTemplate jdbc;
    private final UserReader userReader;
    private final UserWriter userWriter;
    private final MembershipReader membershipReader;
    private final GroupWriter groupWriter;
    private final DeltaLinks deltaLinks;
    private final CustomPlans customPlans;
    private final Clock clock;

    @Autowired
    public DirectoryMirror(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public DirectoryMirror(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.userReader = new UserReader(jdbc);
        this.userWriter = new UserWriter(jdbc, userReader, clock);
        this.membershipReader = new MembershipReader(jdbc);
        this.groupWriter = new GroupWriter(jdbc, membershipReader, clock);
        this.deltaLinks = new DeltaLinks(jdbc, clock);
        this.customPlans = new CustomPlans(jdbc);
        this.clock = clock;
    }

    /**
     * Upserts the page's users and marks its removed users (a removal in the same page wins). An attribute an item
     * does not carry (null) keeps its stored value; a user seen again is no longer removed. A removed user the
     * mirror never saw is stored as a tombstone.
     *
     * @return the ids of every user the page mentions, changed or not (a re-applied page must be reconciled again)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> applyUsers(String tenant, long runId, UserPage page) {
        customPlans.forThisTransaction();
        return userWriter.apply(tenant, runId, page);
    }

    /**
     * Upserts the page's groups, adds and removes members (users or nested groups; a group's members may span
     * pages), and marks removed groups, dropping every edge from or to them.
     *
     * @return the users whose transitive group membership (or a group name in it) may have changed: members
     *         added or removed, users under a nested group added or removed, under a renamed group, and those
     *         that were under a removed group before this page
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> applyGroups(String tenant, long runId, GroupPage page) {
        customPlans.forThisTransaction();
        return groupWriter.apply(tenant, runId, page);
    }

    /**
     * Starts reading a full enumeration of the tenant: its pages go to {@link FullRead}, which stages them and
     * merges them into the mirror at its end. Starting again in the same transaction (a read that had to start
     * over) discards what the earlier start staged.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public FullRead beginFullRead(String tenant, long runId) {
        customPlans.forThisTransaction();
        Staging staging = new Staging(jdbc, customPlans.isPostgres());
        staging.open();
        return new FullRead(tenant, runId, staging, new FullUserMerge(jdbc, staging, clock),
                new FullGroupMerge(jdbc, clock), customPlans);
    }

    /**
     * Each user's direct groups plus every group containing them through nesting, computed in memory from one
     * load of the tenant's nested-group edges; cycle-safe. Every requested id is a key (empty set: no groups).
     */
    public Map<String, Set<GroupRef>> transitiveGroups(String tenant, Collection<String> userIds) {
        return groupClosure(tenant).groupsOf(userIds);
    }

    /**
     * A resolver of transitive groups over the tenant's nested-group hierarchy as it is now, for callers that ask
     * for many chunks of users while the groups do not change (a run's reconcile phase): the hierarchy is loaded
     * once instead of once per chunk.
     */
    public GroupClosure groupClosure(String tenant) {
        customPlans.forThisTransaction();
        return new GroupClosure(tenant, membershipReader.hierarchy(tenant), membershipReader);
    }

    /** The user as last seen, removed or not. */
    public Optional<MirrorUser> user(String tenant, String id) {
        return userReader.user(tenant, id);
    }

    /** The users of those ids the mirror knows (removed ones included), in no particular order. */
    public List<MirrorUser> users(String tenant, Collection<String> ids) {
        customPlans.forThisTransaction();
        return userReader.users(tenant, ids);
    }

    /**
     * The next {@code limit} users of the tenant (removed ones included) whose id sorts after {@code afterId}
     * ({@code ""} for the first), ordered by id: walks a tenant's users chunk by chunk in one indexed range read
     * per chunk.
     */
    public List<MirrorUser> usersAfter(String tenant, String afterId, int limit) {
        customPlans.forThisTransaction();
        return userReader.usersAfter(tenant, afterId, limit);
    }

    /** Streams every user of the tenant (removed ones included) ordered by id, without holding them in memory. */
    public void forEachUser(String tenant, Consumer<MirrorUser> consumer) {
        customPlans.forThisTransaction();
        userReader.forEachUser(tenant, consumer);
    }

    /**
     * Which users not marked removed claim each email (their mail, else userPrincipalName), compared
     * case-insensitively. Keys are the normalized (trimmed, lower-case) emails that have at least one claimant;
     * ids are sorted.
     */
    public Map<String, List<String>> claimantsByEmail(String tenant, Collection<String> emails) {
        customPlans.forThisTransaction();
        return userReader.claimantsByEmail(tenant, emails);
    }

    public Optional<String> usersDeltaLink(String tenant) {
        return deltaLinks.read(tenant, "users_delta_link");
    }

    public Optional<String> groupsDeltaLink(String tenant) {
        return deltaLinks.read(tenant, "groups_delta_link");
    }

    /** Stores both links as given (null clears one); call only once the run succeeded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void saveDeltaLinks(String tenant, String usersDeltaLink, String groupsDeltaLink) {
        deltaLinks.save(tenant, usersDeltaLink, groupsDeltaLink);
    }

    /** Forgets both links: the next run enumerates from scratch. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clearDeltaLinks(String tenant) {
        deltaLinks.save(tenant, null, null);
    }

    /** Whether the mirror holds no user of the tenant yet (its first sync): one index probe, not a count. */
    public boolean holdsNoUsers(String tenant) {
        return jdbc.queryForList("select id from mirror_user where tenant = ? fetch first 1 rows only", String.class,
                tenant).isEmpty();
    }

    public MirrorCounts counts(String tenant) {
        return jdbc.queryForObject("select"
                        + " (select count(*) from mirror_user where tenant = ? and removed = false),"
                        + " (select count(*) from mirror_user where tenant = ? and removed = true),"
                        + " (select count(*) from mirror_group where tenant = ? and removed = false),"
                        + " (select count(*) from mirror_membership where tenant = ?)",
                (rs, row) -> new MirrorCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                tenant, tenant, tenant, tenant);
    }
}
