package io.entrasync.simulator;

/** Word lists the generated directory draws from. */
final class Names {

    static final String[] GIVEN = {"Adele", "Alex", "Allan", "Bianca", "Christie", "Debra", "Diego", "Emily",
        "Enrico", "Grady", "Henrietta", "Irvin", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne", "Megan",
        "Miriam", "Nestor", "Patti", "Pradeep", "Sofia", "Jonas", "Lea", "Mathilde", "Hugo", "Chloe", "Lukas",
        "Amelie", "Felix", "Noah", "Emma", "Louis", "Clara", "Paul", "Marie", "Oskar", "Ines"};
    static final String[] SURNAMES = {"Vance", "Wilber", "Deyoung", "Ruiz", "Cline", "Berger", "Soto", "Braun",
        "Bovolenta", "Archie", "Gonzales", "Bellew", "Langer", "Lambert", "Sherman", "Gu", "Holloway", "Robbins",
        "Bowen", "Graham", "Wilke", "Fernandez", "Gupta", "Schneider", "Fischer", "Weber", "Martin", "Bernard",
        "Dubois", "Moreau", "Laurent", "Lefebvre", "Meyer", "Wagner", "Becker", "Hoffmann", "Petit", "Roux",
        "Nowak", "Rossi"};
    static final String[] DEPARTMENTS = {"Sales", "Finance", "Engineering", "Support", "Marketing", "Legal",
        "Operations", "Human Resources"};
    static final String[] JOB_TITLES = {"Sales Manager", "Accountant", "Software Engineer", "Support Engineer",
        "Marketing Specialist", "Counsel", "Operations Lead", "HR Partner", "Team Lead", "Analyst", "Consultant",
        "Office Manager"};
    static final String[] CITIES = {"London", "Madrid", "Vienna", "Munich", "Oslo", "Rome", "Dublin", "Lisbon",
        "Prague", "Warsaw", "Zurich", "Brussels"};
    static final String[] PROJECTS = {"Aurora", "Borealis", "Cascade", "Delta", "Ember", "Fjord", "Granite",
        "Harbor", "Iris", "Juniper", "Kestrel", "Lumen"};
    static final String[] PHONE_PREFIXES = {"+49 30", "+33 1", "+44 20", "+34 91", "+43 1", "+49 89", "+47 22",
        "+39 06"};
    static final String GUEST_DOMAIN = "fabrikam.example";

    private Names() {
    }
}
