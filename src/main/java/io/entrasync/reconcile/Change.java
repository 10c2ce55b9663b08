package io.entrasync.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a run plans for one directory user. Every change names the directory user ({@link #externalId()}, never
 * null) and the local account it concerns ({@link #accountId()}, null only for {@link Create} and for
 * {@link Skip} / {@link Unchanged} when no account matched). {@link #diffs()} and {@link #notes()} are never null;
 * a diff list always holds every field to write, including {@code SITE} and {@code DEPARTMENT} for a {@link Move}.
 */
public sealed interface Change
        permits Change.Create, Change.Update, Change.Link, Change.Move, Change.Deactivate, Change.Reactivate,
        Change.Skip, Change.Unchanged {

    String externalId();

    Long accountId();

    ChangeKind kind();

    /** The fields to write, in {@link Field} order; empty for kinds that write no field. */
    default List<FieldDiff> diffs() {
        return List.of();
    }

    /** Human-readable remarks for the run report (for example an email kept because of a conflict). */
    default List<String> notes() {
        return List.of();
    }

    /** A new strong account linked to {@code externalId}; {@link #diffs()} lists its non-blank fields. */
    record Create(String externalId, DesiredAccount account) implements Change {
        public Create {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(account, "account");
        }

        @Override
        public Long accountId() {
            return null;
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.CREATE;
        }

        @Override
        public List<FieldDiff> diffs() {
            List<FieldDiff> diffs = new ArrayList<>();
            for (Field field : Field.values()) {
                if (account.value(field) != null) {
                    diffs.add(new FieldDiff(field, null, account.value(field)));
                }
            }
            return List.copyOf(diffs);
        }
    }

    /** Rewrite some fields of a linked, active account that stays on its site and department. */
    record Update(String externalId, Long accountId, List<FieldDiff> diffs, List<String> notes) implements Change {
        public Update {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(accountId, "accountId");
            diffs = List.copyOf(diffs);
            notes = List.copyOf(notes);
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.UPDATE;
        }
    }

    /**
     * Take over an unlinked account found by email: it keeps its id and tickets, becomes {@code STRONG}, gets the
     * run's tenant and {@code externalId}, and {@link #diffs()} are written. {@code reactivated} when the account
     * was inactive and is activated by the link.
     */
    record Link(String externalId, Long accountId, boolean reactivated, List<FieldDiff> diffs) implements Change {
        public Link {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(accountId, "accountId");
            diffs = List.copyOf(diffs);
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.LINK;
        }
    }

    /**
     * An update of a linked, active account whose site or department changes. The from/to values repeat the
     * placement (equal when that part does not change); {@link #diffs()} holds every field to write.
     */
    record Move(String externalId, Long accountId, String fromSite, String toSite, String fromDepartment,
            String toDepartment, List<FieldDiff> diffs, List<String> notes) implements Change {
        public Move {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(accountId, "accountId");
            diffs = List.copyOf(diffs);
            notes = List.copyOf(notes);
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.MOVE;
        }
    }

    /**
     * Deactivate a linked account (never delete; tickets untouched).
     *
     * @param openTickets     open tickets of the account, to report
     * @param wasMainSiteUser whether its site loses its main site user
     */
    record Deactivate(String externalId, Long accountId, AbsenceReason reason, int openTickets,
            boolean wasMainSiteUser) implements Change {
        public Deactivate {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.DEACTIVATE;
        }
    }

    /**
     * Activate a linked, inactive account and write {@link #diffs()} (site changes included).
     *
     * @param previous why the account was inactive; null when that was not recorded. Never
     *                 {@link DeactivationReason#MANUAL}: an admin's deactivation is not undone by a sync
     */
    record Reactivate(String externalId, Long accountId, List<FieldDiff> diffs, List<String> notes,
            DeactivationReason previous) implements Change {
        public Reactivate {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(accountId, "accountId");
            diffs = List.copyOf(diffs);
            notes = List.copyOf(notes);
        }

        /** A reactivation of an account whose deactivation reason is unknown. */
        public Reactivate(String externalId, Long accountId, List<FieldDiff> diffs, List<String> notes) {
            this(externalId, accountId, diffs, notes, null);
        }

        /** Why the account comes back, for the run's change log ("re-enabled in the directory"); never null. */
        public String reason() {
            return DeactivationReason.reactivation(previous);
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.REACTIVATE;
        }
    }

    /**
     * Leave the user alone and report why.
     *
     * @param accountId the hard-matched account, or null
     * @param reason    never null
     * @param detail    human-readable, names the objects involved; may be null
     */
    record Skip(String externalId, Long accountId, SkipReason reason, String detail) implements Change {
        public Skip {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.SKIP;
        }
    }

    /** Nothing to do. {@code accountId} is null when no linked account exists (e.g. absent and never synced). */
    record Unchanged(String externalId, Long accountId, List<String> notes) implements Change {
        public Unchanged {
            Objects.requireNonNull(externalId, "externalId");
            notes = List.copyOf(notes);
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.UNCHANGED;
        }
    }
}
