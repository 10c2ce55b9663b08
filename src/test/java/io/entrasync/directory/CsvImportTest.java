package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** CSV import against PostgreSQL: upserts, idempotence, and rejections with line numbers. */
@PostgresIntegrationTest
class CsvImportTest {

    static final String HEADER = "site,firstName,lastName,email,phone,mobilePhone,department,jobTitle,mainSiteUser\n";

    @LocalServerPort
    int port;

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    ApiClient.Answer importCsv(String csv) {
        return api.post("/api/import", "text/csv", csv);
    }

    @Test
    void createsSitesDepartmentsAndUsers_andReimportChangesNothing() {
        String csv = HEADER
                + "Acme " + tag + ",Claire,Johnson,claire." + tag + "@acme.org,+1 1,,Sales " + tag + ",CFO,true\n"
                + "Acme " + tag + ",Bob,Stone,bob." + tag + "@acme.org,,,sales " + tag + ",,false\n"
                + "Beta " + tag + ",Eve,Lee,eve." + tag + "@beta.org,,,,,\n";

        var first = importCsv(csv).json();
        var again = importCsv(csv).json();

        assertThat(first.get("created").asInt()).isEqualTo(3);
        assertThat(first.get("sitesCreated").asInt()).isEqualTo(2);
        assertThat(first.get("departmentsCreated").asInt()).isEqualTo(1);
        assertThat(first.get("rejected")).isEmpty();
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
        var claire = api.get("/api/users?email=claire." + tag).json().get("content").get(0);
        assertThat(claire.get("mainSiteUser").asBoolean()).isTrue();
        assertThat(claire.get("association").asString()).isEqualTo("STRONG");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aSiteNamedLikeATenantsSite_isAManualSiteOfItsOwn_forTheImportAndForPostSites() {
        jdbc.update("insert into site (id, name, name_key, main_user_only_tickets, tenant, owner_key, created_at) values "
                + "(nextval('site_seq'), ?, ?, false, 'contoso', 'contoso', current_timestamp)", "HQ " + tag, "hq " + tag);

        var report = importCsv(HEADER + "HQ " + tag + ",Ann,Lee,ann." + tag + "@csv.org,,,,,\n").json();
        var posted = api.post("/api/sites", "{\"name\":\"hq " + tag + "\"}");

        assertThat(report.get("sitesCreated").asInt()).isEqualTo(1);
        long siteId = api.get("/api/users?email=ann." + tag + "@csv.org").json().get("content").get(0).get("siteId").asLong();
        assertThat(jdbc.queryForObject("select tenant from site where id = ?", String.class, siteId)).isNull();
        assertThat(posted.status()).as("manual names are unique among manual sites").isEqualTo(409);
        assertThat(posted.json().get("detail").asString()).contains("already used by site " + siteId);
    }

    @Test
    void updatesByEmailIgnoringCase() {
        importCsv(HEADER + "Up " + tag + ",Ann,Old,ann." + tag + "@x.org,,,,,\n");

        var report = importCsv(HEADER + "Up " + tag + ",Ann,New,ANN." + tag + "@X.org,,,,Boss,\n").json();

        assertThat(report.get("updated").asInt()).isEqualTo(1);
        var ann = api.get("/api/users?email=ann." + tag).json().get("content");
        assertThat(ann).hasSize(1);
        assertThat(ann.get(0).get("lastName").asString()).isEqualTo("New");
        assertThat(ann.get(0).get("jobTitle").asString()).isEqualTo("Boss");
    }

    @Test
    void invalidRowsAreRejectedWithTheirLine_andValidOnesApplied() {
        String csv = HEADER
                + "Rej " + tag + ",Ok,One,ok1." + tag + "@x.org,,,,,\n"
                + "Rej " + tag + ",No,Mail,,,,,,\n"
                + "Rej " + tag + ",Bad,Mail,not-an-email,,,,,\n"
                + ",No,Site,nosite." + tag + "@x.org,,,,,\n"
                + "Rej " + tag + ",Short,Row\n"
                + "Rej " + tag + ",Bad,Flag,flag." + tag + "@x.org,,,,,maybe\n"
                + "Rej " + tag + ",Ok,Two,ok2." + tag + "@x.org,,,,,\n";

        var report = importCsv(csv).json();

        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(5);
        var rejected = report.get("rejected");
        assertThat(rejected.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(rejected.get(0).get("error").asString()).isEqualTo("email is required");
        assertThat(rejected.get(1).get("line").asInt()).isEqualTo(4);
        assertThat(rejected.get(1).get("error").asString()).contains("not a valid email address");
        assertThat(rejected.get(2).get("error").asString()).isEqualTo("site is required");
        assertThat(rejected.get(3).get("error").asString()).isEqualTo("expected 9 columns, found 3");
        assertThat(rejected.get(4).get("error").asString()).contains("mainSiteUser 'maybe'");
        assertThat(report.get("complete").asBoolean()).isTrue();
    }

    @Test
    void anAddressTwiceInOneFile_theFirstRowApplies_laterOnesAreRejectedNamingBothLines() {
        String csv = HEADER
                + "Twice " + tag + ",Ann,First,ann." + tag + "@twice.org,,,,,\n"
                + "Twice " + tag + ",Bob,Other,bob." + tag + "@twice.org,,,,,\n"
                + "Twice " + tag + ",Ann,Second,ANN." + tag + "@Twice.org,,,,,\n"
                + "Twice " + tag + ",Ann,Third,ann." + tag + "@twice.org,,,,,\n";

        var report = importCsv(csv).json();

        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(2);
        var rejected = report.get("rejected");
        assertThat(rejected.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(rejected.get(0).get("error").asString()).isEqualTo("email 'ANN." + tag + "@Twice.org' is also on line 2; "
                + "an address may stand on one row of a file: only line 2 counts for it (imported, or rejected for its "
                + "own reason), line 4 does not (merge the two rows into one)");
        assertThat(rejected.get(1).get("line").asInt()).isEqualTo(5);
        assertThat(rejected.get(1).get("error").asString()).contains("also on line 2", "line 5 does not");
        var ann = api.get("/api/users?email=ann." + tag).json().get("content");
        assertThat(ann).hasSize(1);
        assertThat(ann.get(0).get("lastName").asString()).as("never overwritten by a later row").isEqualTo("First");
    }

    @Test
    void anAddressTwiceAcrossChunks_isStillFlagged() {
        StringBuilder csv = new StringBuilder(HEADER).append("Chunk ").append(tag).append(",A,First,dup.").append(tag)
                .append("@chunk.org,,,,,\n");
        for (int i = 0; i < 600; i++) {
            csv.append("Chunk ").append(tag).append(",U,").append(i).append(",u").append(i).append('.').append(tag)
                    .append("@chunk.org,,,,,\n");
        }
        csv.append("Chunk ").append(tag).append(",A,Late,dup.").append(tag).append("@chunk.org,,,,,\n");

        var report = importCsv(csv.toString()).json();

        assertThat(report.get("created").asInt()).isEqualTo(601);
        assertThat(report.get("rejected").get(0).get("line").asInt()).isEqualTo(603);
        assertThat(report.get("rejected").get(0).get("error").asString()).contains("also on line 2");
        assertThat(api.get("/api/users?email=dup." + tag).json().get("content").get(0).get("lastName").asString())
                .isEqualTo("First");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        var report = importCsv("\uFEFF" + HEADER + "Bom " + tag + ",A,B,bom." + tag + "@x.org,,,,,\n").json();

        assertThat(report.get("created").asInt()).isEqualTo(1);
    }

    @Test
    void unknownColumn_is400NamingIt() {
        var answer = importCsv("site,email,fax\nA,a@b.co,1\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asString()).startsWith("line 1: unknown column 'fax'");
    }

    @Test
    void badQuoting_stopsWithTheLine_andReportsWhatWasApplied() {
        String csv = HEADER
                + "Quote " + tag + ",A,B,q1." + tag + "@x.org,,,,,\n"
                + "Quote " + tag + ",\"broken\"x,B,q2." + tag + "@x.org,,,,,\n"
                + "Quote " + tag + ",A,B,q3." + tag + "@x.org,,,,,\n";

        var report = importCsv(csv).json();

        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("rejected").get(0).get("error").asString()).startsWith("malformed CSV");
        assertThat(report.get("rejected").get(0).get("line").asInt()).isEqualTo(3);
    }
}
