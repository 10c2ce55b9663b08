package io.entrasync.simulator;

import java.util.Locale;

/**
 * Writes a user as Graph does, deriving every attribute from the seed, the user's index and its edit generation:
 * names and mail never change; department, office, job title and phones change with each edit, and an edit may
 * also remove one of them ({@link #cleared}), which Graph then sends as {@code null}. Called under the tenant's read
 * lock.
 */
final class UserRenderer {

    private static final int CLEARED_DEPARTMENT = 0;
    private static final int CLEARED_JOB = 1;
    private static final int CLEARED_OFFICE = 2;

    private UserRenderer() {
    }

    /**
     * Which attribute an edited user lost (one edit in eight each removes the department, the job title or the
     * office), or -1. A user never edited has them all, so a fresh directory (and the benchmark's full reads) looks
     * as before.
     */
    static int cleared(TenantDirectory dir, int user, int gen) {
        return gen == 0 ? -1 : dir.pick(user, gen, TenantDirectory.F_CLEARED, 8);
    }

    /** The user's display name, "Given Surname" (never changes with edits). */
    static String displayName(TenantDirectory dir, int user) {
        return given(dir, user) + " " + surname(dir, user);
    }

    private static String given(TenantDirectory dir, int user) {
        return Names.GIVEN[dir.pick(user, 0, TenantDirectory.F_GIVEN, Names.GIVEN.length)];
    }

    private static String surname(TenantDirectory dir, int user) {
        return Names.SURNAMES[dir.pick(user, 0, TenantDirectory.F_SURNAME, Names.SURNAMES.length)];
    }

    static void write(JsonOut json, TenantDirectory dir, int user) {
        int gen = dir.generation[user];
        byte flags = dir.flags[user];
        boolean guest = (flags & TenantDirectory.GUEST) != 0;
        DirectoryLayout layout = dir.layout;
        String given = given(dir, user);
        String surname = surname(dir, user);
        String local = (given + "." + surname).toLowerCase(Locale.ROOT) + "." + user;
        String domain = dir.shape.domain();
        String mail = local + "@" + (guest ? Names.GUEST_DOMAIN : domain);
        String upn = guest ? local + "_" + Names.GUEST_DOMAIN + "#EXT#@" + domain : mail;
        int team = dir.pick(user, gen, TenantDirectory.F_TEAM, layout.teamCount);
        int site = layout.teamSite(team);

        json.beginObject()
                .field("id", dir.userId(user))
                .field("displayName", given + " " + surname)
                .field("givenName", given)
                .field("surname", surname)
                .field("mail", mail)
                .field("userPrincipalName", upn);
        json.name("otherMails").beginArray();
        if (guest) {
            json.value(mail);
        }
        json.endArray();
        json.name("businessPhones").beginArray();
        if (!guest && dir.pick(user, gen, TenantDirectory.F_PHONE, 10) > 0) {
            json.value(layout.phonePrefixes[site] + " " + (1_000_000 + dir.pick(user, gen, TenantDirectory.F_PHONE, 9_000_000)));
        }
        json.endArray();
        boolean mobile = !guest && dir.pick(user, gen, TenantDirectory.F_MOBILE, 100) < 70;
        int cleared = cleared(dir, user, gen);
        json.field("mobilePhone", mobile ? "+49 170 " + (1_000_000 + dir.pick(user, gen, TenantDirectory.F_MOBILE, 9_000_000)) : null)
                .field("department", guest || cleared == CLEARED_DEPARTMENT ? null : layout.teamDepartment(team))
                .field("jobTitle", guest || cleared == CLEARED_JOB ? null
                        : Names.JOB_TITLES[dir.pick(user, gen, TenantDirectory.F_JOB, Names.JOB_TITLES.length)])
                .field("companyName", guest ? "Fabrikam" : "Contoso")
                .field("officeLocation", guest || cleared == CLEARED_OFFICE ? null : layout.siteCodes[site]);
        json.name("accountEnabled").value((flags & TenantDirectory.ENABLED) != 0)
                .field("userType", guest ? "Guest" : "Member")
                .endObject();
    }

    /** {@code {"@odata.type":..., "id":..., "@removed":{"reason":...}}}. */
    static void writeRemoved(JsonOut json, String type, String id, boolean permanently) {
        json.beginObject().field("@odata.type", type).field("id", id)
                .name("@removed").beginObject().field("reason", permanently ? "deleted" : "changed").endObject()
                .endObject();
    }
}
