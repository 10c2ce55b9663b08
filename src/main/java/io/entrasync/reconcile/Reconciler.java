package io.entrasync.reconcile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Plans the change for each directory user of a run: matches it to a local account and decides what to write.
 * Stateless and thread-safe; reads only through {@link LocalAccounts} and never throws for a user it cannot
 * handle (it plans a {@link Change.Skip} instead).
 *
 * <p>Matching: a hard match on (tenant, externalId) wins; otherwise the email (case-insensitive) may soft-match an
 * unlinked account, which is then linked. An email used by an account linked elsewhere is never taken over, and
 * an email claimed by two or more directory users of the tenant is never used to create or link an account.
 *
 * <p>Admin intent: an account an admin deactivated ({@link DeactivationReason#MANUAL}) is never reactivated by a
 * run, neither when its user is in scope (planned {@link Change.Unchanged} with {@link #MANUAL_NOTE}) nor when a
 * soft match links it (linked, left inactive). It stays so until an admin activates it again.
 */
public final class Reconciler {

    /** The note of an account an admin deactivated and the directory still wants: it is left inactive. */
    public static final String MANUAL_NOTE = "deactivated by an admin; a sync does not reactivate it "
            + "(an admin activates it with POST /api/users/{id}/activate)";

    /** Plans one user; {@code claims} should cover the whole tenant (see {@link EmailClaims}). All non-null. */
    public Change plan(String tenant, Desired desired, LocalAccounts local, EmailClaims claims) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(claims, "claims");
        Optional<LocalAccount> owned = local.byExternalId(tenant, desired.externalId())
                .filter(account -> account.isLinkedTo(tenant, desired.externalId()));
        if (desired instanceof Desired.Present present) {
            return owned.map(account -> planOwned(present, account, local, claims))
                    .orElseGet(() -> planUnowned(tenant, present, local, claims));
        }
        if (desired instanceof Desired.Absent absent) {
            return owned.map(account -> planAbsent(absent, account))
                    .orElseGet(() -> unchanged(absent.externalId(), null, "no account is linked to this user"));
        }
        Desired.Unmappable unmappable = (Desired.Unmappable) desired;
        return new Change.Skip(unmappable.externalId(), owned.map(LocalAccount::id).orElse(null),
                unmappable.reason(), unmappable.detail());
    }

    /**
     * Plans a chunk, in the order given. A user listed twice is planned once, from its last entry (the newest
     * delta state). The chunk's own emails are added to {@code claims}, so two users of one chunk never take the
     * same email even when the caller passes {@link EmailClaims#none()}.
     */
    public ChangeSet planAll(String tenant, List<? extends Desired> desired, LocalAccounts local, EmailClaims claims) {
        Map<String, Desired> latest = new LinkedHashMap<>();
        desired.forEach(each -> latest.put(each.externalId(), each));
        EmailClaims allClaims = claims.and(EmailClaims.fromDesired(latest.values()));
        List<Change> changes = new ArrayList<>(latest.size());
        latest.values().forEach(each -> changes.add(plan(tenant, each, local, allClaims)));
        return new ChangeSet(tenant, changes);
    }

    private Change planUnowned(String tenant, Desired.Present present, LocalAccounts local, EmailClaims claims) {
        String externalId = present.externalId();
        String email = present.account().email();
        SortedSet<String> others = otherClaimants(claims, email, externalId);
        if (!others.isEmpty()) {
            return new Change.Skip(externalId, null, SkipReason.EMAIL_CONFLICT, "email " + email
                    + " is also claimed by directory user(s) " + String.join(", ", others) + " of tenant " + tenant
                    + "; no account is created or linked until only one user claims it");
        }
        Optional<LocalAccount> byEmail = local.byEmail(email);
        if (byEmail.isEmpty()) {
            return new Change.Create(externalId, present.account());
        }
        LocalAccount found = byEmail.get();
        if (!found.isLinkableBy(tenant)) {
            return new Change.Skip(externalId, null, SkipReason.EMAIL_CLAIMED, usedBy(email, found));
        }
        List<FieldDiff> diffs = FieldDiffer.diffs(found, present.account(), FieldDiffer.Mode.LINK, Set.of());
        // an account an admin deactivated is linked but stays inactive: the admin's decision stands
        return new Change.Link(externalId, found.id(), !found.active() && !found.deactivatedByAdmin(), diffs);
    }

    private Change planOwned(Desired.Present present, LocalAccount account, LocalAccounts local, EmailClaims claims) {
        String externalId = present.externalId();
        DesiredAccount want = present.account();
        Set<Field> withheld = EnumSet.noneOf(Field.class);
        List<String> notes = new ArrayList<>();
        SortedSet<String> others = otherClaimants(claims, want.email(), externalId);
        Optional<LocalAccount> holder = local.byEmail(want.email()).filter(other -> other.id() != account.id());
        if (!others.isEmpty()) {
            withheld.add(Field.EMAIL);
            notes.add("email " + want.email() + " is also claimed by directory user(s) " + String.join(", ", others)
                    + "; email not updated");
        } else if (holder.isPresent()) {
            withheld.add(Field.EMAIL);
            notes.add(usedBy(want.email(), holder.get()) + "; email not updated");
        }
        if (account.deactivatedByAdmin()) {
            // admin intent wins: the directory still wants the user, but only an admin activates the account again
            // (its fields catch up then); nothing is written, so this is no failure and no change
            return unchanged(externalId, account.id(), MANUAL_NOTE);
        }
        List<FieldDiff> diffs = FieldDiffer.diffs(account, want, FieldDiffer.Mode.UPDATE, withheld);
        if (!account.active()) {
            return new Change.Reactivate(externalId, account.id(), diffs, notes, account.deactivationReason());
        }
        if (diffs.isEmpty()) {
            return new Change.Unchanged(externalId, account.id(), notes);
        }
        Optional<FieldDiff> site = find(diffs, Field.SITE);
        Optional<FieldDiff> department = find(diffs, Field.DEPARTMENT);
        if (site.isEmpty() && department.isEmpty()) {
            return new Change.Update(externalId, account.id(), diffs, notes);
        }
        return new Change.Move(externalId, account.id(), account.value(Field.SITE), after(site, account, Field.SITE),
                account.value(Field.DEPARTMENT), after(department, account, Field.DEPARTMENT), diffs, notes);
    }

    private Change planAbsent(Desired.Absent absent, LocalAccount account) {
        if (account.deactivatedByAdmin()) {
            return unchanged(absent.externalId(), account.id(), "account is already inactive (" + MANUAL_NOTE + ")");
        }
        if (!account.active()) {
            return unchanged(absent.externalId(), account.id(), "account is already inactive");
        }
        if (account.association() != Association.STRONG) {
            return unchanged(absent.externalId(), account.id(), "account is WEAK and is never deactivated by a sync");
        }
        return new Change.Deactivate(absent.externalId(), account.id(), absent.reason(), account.openTickets(),
                account.mainSiteUser());
    }

    private static SortedSet<String> otherClaimants(EmailClaims claims, String email, String externalId) {
        SortedSet<String> others = new TreeSet<>(claims.claimants(email, externalId));
        others.remove(externalId);
        return others;
    }

    private static String usedBy(String email, LocalAccount account) {
        return "email " + email + " is already used by user " + account.id() + " (tenant "
                + Values.orDash(account.tenant()) + ", externalId " + Values.orDash(account.externalId()) + ")";
    }

    /** The diff's new value (possibly null: cleared), or the account's value when the field does not change. */
    private static String after(Optional<FieldDiff> diff, LocalAccount account, Field field) {
        return diff.isPresent() ? diff.get().after() : account.value(field);
    }

    private static Optional<FieldDiff> find(List<FieldDiff> diffs, Field field) {
        return diffs.stream().filter(diff -> diff.field() == field).findFirst();
    }

    private static Change unchanged(String externalId, Long accountId, String note) {
        return new Change.Unchanged(externalId, accountId, List.of(note));
    }
}
