package io.entrasync.directory;

import io.entrasync.problem.ConflictException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one place a site's main user changes, whatever the door (admin API, CSV import, deactivation, directory
 * sync): a new main user demotes the previous one, and both are recorded ({@link MainUserLog}) and answered, so no
 * change is silent. A deactivated account never becomes main; a WEAK account (created from an email, never verified)
 * only with the admin's explicit confirmation, because a main user sees every ticket of the site. Runs in the caller's
 * transaction.
 */
@Component
class MainSiteUserChanges {

    private final EndUserRepository users;
    private final MainUserLog log;

    MainSiteUserChanges(EndUserRepository users, MainUserLog log) {
        this.users = users;
        this.log = log;
    }

    /**
     * Makes {@code user} its site's main user. 409 (field {@code mainSiteUser}) for a deactivated account; 409 (field
     * {@code confirmWeak}) for a WEAK one without {@code confirmWeak}.
     *
     * @return the user who stopped being main for it, or null when the site had none
     */
    DemotedUser promote(EndUser user, boolean confirmWeak, MainUserLog.Door door, String why) {
        // an account that already is main was accepted as such: asking again would refuse changes of other fields
        boolean newlyMain = !user.isMainSiteUser();
        if (newlyMain && !user.isActive()) {
            throw new ConflictException("mainSiteUser", "user " + user.getId() + " (" + user.getEmail()
                    + ") is deactivated and cannot be the main site user");
        }
        String weak = confirmWeak ? null : unconfirmedWeak(user, door);
        if (weak != null) {
            throw new ConflictException("confirmWeak", weak);
        }
        long siteId = user.getSite().getId();
        List<EndUser> previous = users.findBySiteIdAndMainSiteUserTrue(siteId).stream()
                .filter(other -> !other.getId().equals(user.getId())).toList();
        for (EndUser other : previous) {
            other.setMainSiteUser(false);
            log.record(siteId, other.getId(), false, door, "replaced by user " + user.getId() + " (" + user.getEmail()
                    + ")", user.getId());
        }
        if (newlyMain || !previous.isEmpty()) {
            user.setMainSiteUser(true);
            log.record(siteId, user.getId(), true, door, why + (previous.isEmpty() ? ""
                    : "; replaces user " + previous.get(0).getId() + " (" + previous.get(0).getEmail() + ")"), null);
        }
        return previous.isEmpty() ? null : DemotedUser.of(previous.get(0));
    }

    /**
     * Why {@code user} may not become main through {@code door} without the admin's confirmation (a WEAK account that
     * is not main yet), or null when it may. The CSV import asks before it writes a row, so such a row is refused
     * alone instead of failing its chunk.
     */
    static String unconfirmedWeak(EndUser user, MainUserLog.Door door) {
        if (user.isMainSiteUser() || user.getAssociation() != Association.WEAK) {
            return null;
        }
        return "user " + user.getId() + " (" + user.getEmail() + ") is a WEAK account (created from an email, not "
                + "verified): as main site user it would see every ticket of site " + user.getSite().getId() + " ("
                + user.getSite().getName() + "); " + (door == MainUserLog.Door.CSV
                ? "a CSV import does not make it main, confirm it in the admin page (PATCH /api/users/" + user.getId()
                + " with confirmWeak: true)" : "send confirmWeak: true to make it main anyway");
    }

    /**
     * Clears the flag. When the user was main the change is recorded on {@code siteId} (the site it was main of).
     *
     * @return the user itself when it was main, else null
     */
    DemotedUser clear(EndUser user, long siteId, MainUserLog.Door door, String why) {
        if (!user.isMainSiteUser()) {
            return null;
        }
        user.setMainSiteUser(false);
        log.record(siteId, user.getId(), false, door, why, null);
        return DemotedUser.of(user);
    }

    /**
     * Deactivates the account ({@link EndUser#deactivate}) and records the main site user flag it lost.
     *
     * @return the user itself when it was main until now, else null
     */
    DemotedUser deactivate(EndUser user, io.entrasync.reconcile.DeactivationReason reason, MainUserLog.Door door,
                           String why) {
        if (!user.deactivate(reason)) {
            return null;
        }
        log.record(user.getSite().getId(), user.getId(), false, door, why, null);
        return DemotedUser.of(user);
    }
}
