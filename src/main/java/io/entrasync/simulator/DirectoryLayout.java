package io.entrasync.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which group sits at which index and what it means. Indexes: 0 scope group, 1 site admins, 2 no auto tickets,
 * then site groups (members of the scope group), team groups (members of one site group each) and project
 * groups (outside the scope).
 */
final class DirectoryLayout {

    static final int SCOPE = 0;
    static final int SITE_ADMINS = 1;
    static final int NO_AUTO_TICKETS = 2;
    static final int FIRST_SITE = 3;

    final int siteCount;
    final int teamCount;
    final int projectCount;
    final int firstTeam;
    final int firstProject;
    final String[] groupNames;
    final String[] descriptions;
    final String[] siteCodes;
    final String[] phonePrefixes;

    DirectoryLayout(DirectoryShape shape) {
        DirectoryShape.GroupNames names = shape.names();
        int free = shape.groups() - 3;
        siteCount = Math.max(Math.max(1, names.sites().size()), free / 6);
        teamCount = Math.max(siteCount, free * 2 / 5);
        projectCount = free - siteCount - teamCount;
        firstTeam = FIRST_SITE + siteCount;
        firstProject = firstTeam + teamCount;
        groupNames = new String[shape.groups()];
        descriptions = new String[shape.groups()];
        siteCodes = new String[siteCount];
        phonePrefixes = new String[siteCount];
        name(SCOPE, names.scope(), "Everyone the helpdesk serves");
        name(SITE_ADMINS, names.siteAdmins(), "Main users of their site");
        name(NO_AUTO_TICKETS, names.noAutoTickets(), "No tickets are opened automatically for these users");
        List<String> cities = new ArrayList<>();
        for (int s = 0; s < siteCount; s++) {
            String site = s < names.sites().size() ? names.sites().get(s) : generatedSite(s - names.sites().size());
            String city = site.endsWith(" Office") ? site.substring(0, site.length() - " Office".length()) : site;
            cities.add(city);
            siteCodes[s] = code(city, s);
            phonePrefixes[s] = Names.PHONE_PREFIXES[s % Names.PHONE_PREFIXES.length];
            name(FIRST_SITE + s, site, "Everyone in the " + city + " office");
        }
        for (int t = 0; t < teamCount; t++) {
            int round = t / siteCount;
            String suffix = round < Names.DEPARTMENTS.length ? "" : " " + (round / Names.DEPARTMENTS.length + 1);
            name(firstTeam + t, cities.get(teamSite(t)) + " " + teamDepartment(t) + suffix,
                    teamDepartment(t) + " team in " + cities.get(teamSite(t)));
        }
        for (int p = 0; p < projectCount; p++) {
            int round = p / Names.PROJECTS.length;
            name(firstProject + p, "Project " + Names.PROJECTS[p % Names.PROJECTS.length] + (round == 0 ? "" : " " + (round + 1)),
                    "Project team (outside the helpdesk scope)");
        }
    }

    int teamSite(int team) {
        return team % siteCount;
    }

    String teamDepartment(int team) {
        return Names.DEPARTMENTS[(team / siteCount) % Names.DEPARTMENTS.length];
    }

    /** Parent group index of a nested group, or -1 for a root group. */
    int parent(int group) {
        if (group >= FIRST_SITE && group < firstTeam) {
            return SCOPE;
        }
        if (group >= firstTeam && group < firstProject) {
            return FIRST_SITE + teamSite(group - firstTeam);
        }
        return -1;
    }

    private void name(int index, String name, String description) {
        groupNames[index] = name;
        descriptions[index] = description;
    }

    private static String generatedSite(int n) {
        int round = n / Names.CITIES.length;
        return Names.CITIES[n % Names.CITIES.length] + (round == 0 ? "" : " " + (round + 1)) + " Office";
    }

    private static String code(String city, int s) {
        String letters = city.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        String digits = city.replaceAll("[^0-9]", "");
        return (letters.length() >= 3 ? letters.substring(0, 3) : "S" + s) + digits;
    }
}
