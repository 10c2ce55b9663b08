package io.entrasync.simulator;

import java.util.Locale;

/**
 * Writes a user as Graph does, deriving every attribute from the seed, the user's index and its edit generation:
 * names and mail never change; department, office, job title and phones change with each edit. Called under the
 * tenant's read lock.
 */
final class UserRenderer {

    private UserRenderer() {
    }

    static void write(JsonOut json, TenantDirectory dir, int user) {
        int gen = dir.generation[user];
        byte flags = dir.flags[user];
        boolean guest = (flags & TenantDirectory.GUEST) != 0;
        DirectoryLayout layout = dir.layout;
        String given = Names.GIVEN[dir.pick(user, 0, TenantDirectory.F_GIVEN, Names.GIVEN.length)];
        String surname = Names.SURNAMES[dir.pick(user, 0, TenantDirectory.F_SURNAME, Names.SURNAMES.length)];
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
        json.field("mobilePhone", mobile ? "+49 170 " + (1_000_000 + dir.pick(user, gen, TenantDirectory.F_MOBILE, 9_000_000)) : null)
                .field("department", guest ? null : layout.teamDepartment(team))
                .field("jobTitle", guest ? null : Names.JOB_TITLES[dir.pick(user, gen, TenantDirectory.F_JOB, Names.JOB_TITLES.length)])
                .field("companyName", guest ? "Fabrikam" : "Contoso")
                .field("officeLocation", guest ? null : layout.siteCodes[site]);
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
