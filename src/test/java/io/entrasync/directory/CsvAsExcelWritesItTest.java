package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV files as Excel saves them (fixtures under src/test/resources/csv): charsets, delimiters, headers (also German,
 * French and Italian ones), yes/no words, formulas.
 */
@PostgresIntegrationTest
class CsvAsExcelWritesItTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private JsonNode importBytes(byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/import"))
                .header("Authorization", "Bearer " + ApiClient.TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body());
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/csv", name));
    }

    private JsonNode user(String email) {
        JsonNode content = new ApiClient(port).get("/api/users?email=" + email).json().get("content");
        assertThat(content).as(email).hasSize(1);
        return content.get(0);
    }

    @Test
    void windows1252WithSemicolons_isDetected_andUmlautsSurvive() throws Exception {
        JsonNode report = importBytes(fixture("excel-de-windows-1252.csv"), "text/csv");

        assertThat(report.get("encoding").asString()).startsWith("windows-1252");
        assertThat(report.get("delimiter").asString()).isEqualTo(";");
        assertThat(report.get("rejected")).isEmpty();
        JsonNode juergen = user("juergen.mueller@fixture-cp1252.example");
        assertThat(juergen.get("lastName").asString()).isEqualTo("Müller");
        assertThat(juergen.get("jobTitle").asString()).isEqualTo("Straßenbau");
        assertThat(user("zoe@fixture-cp1252.example").get("jobTitle").asString()).isEqualTo("Leiterin; Einkauf");
        JsonNode sites = new ApiClient(port).get("/api/sites").json();
        assertThat(sites.valueStream().map(s -> s.get("name").asString())).contains("Büro München");
    }

    @Test
    void utf8WithBom_isReadAsUtf8_andFormulaCellsAreStoredButFlagged() throws Exception {
        JsonNode report = importBytes(fixture("excel-utf8-bom.csv"), "text/csv");

        assertThat(report.get("encoding").asString()).isEqualTo("UTF-8 (BOM)");
        assertThat(report.get("delimiter").asString()).isEqualTo(",");
        assertThat(user("jose@fixture-bom.example").get("lastName").asString()).isEqualTo("Ñúñez");
        assertThat(user("jose@fixture-bom.example").get("jobTitle").asString())
                .isEqualTo("=HYPERLINK(\"http://evil.example\")");
        assertThat(report.get("flaggedCount").asInt()).isEqualTo(2);
        assertThat(report.get("flagged").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(report.get("flagged").get(0).get("column").asString()).isEqualTo("jobTitle");
    }

    @Test
    void mixedCaseHeaders_areMatched() throws Exception {
        JsonNode report = importBytes(fixture("mixed-case-headers.csv"), "text/csv");

        assertThat(report.get("rejected")).as(report.toString()).isEmpty();
        JsonNode ann = user("ann@fixture-case.example");
        assertThat(ann.get("lastName").asString()).isEqualTo("Upper");
        assertThat(ann.get("mainSiteUser").asBoolean()).isTrue();
        assertThat(ann.get("mobilePhone").asString()).isEqualTo("-12");
        assertThat(report.get("flaggedCount").asInt()).as("a phone number is not a formula").isZero();
    }

    @Test
    void germanExcelFile_withBomSemicolonsGermanHeadersAndJaNein_isImported() throws Exception {
        JsonNode report = importBytes(fixture("excel-de-utf8-bom.csv"), "text/csv");

        assertThat(report.get("rejected")).as(report.toString()).isEmpty();
        assertThat(report.get("encoding").asString()).isEqualTo("UTF-8 (BOM)");
        assertThat(report.get("delimiter").asString()).isEqualTo(";");
        assertThat(report.get("created").asInt()).isEqualTo(3);
        JsonNode juergen = user("juergen.weiss@fixture-de.example");
        assertThat(juergen.get("firstName").asString()).isEqualTo("Jürgen");
        assertThat(juergen.get("lastName").asString()).isEqualTo("Weiß");
        assertThat(juergen.get("phone").asString()).isEqualTo("+49 221 1234");
        assertThat(juergen.get("mobilePhone").asString()).isEqualTo("+49 170 1234");
        assertThat(juergen.get("jobTitle").asString()).isEqualTo("Geschäftsführer");
        assertThat(juergen.get("mainSiteUser").asBoolean()).as("ja").isTrue();
        assertThat(user("anna.schaefer@fixture-de.example").get("mainSiteUser").asBoolean()).as("nein").isFalse();
        assertThat(user("lena.gross@fixture-de.example").get("mainSiteUser").asBoolean()).as("Nein").isFalse();
        JsonNode sites = new ApiClient(port).get("/api/sites").json();
        assertThat(sites.valueStream().map(s -> s.get("name").asString())).contains("Büro Köln");
    }

    @Test
    void frenchExcelFile_inWindows1252_withAccentedHeadersAndOuiNon_isImported() throws Exception {
        JsonNode report = importBytes(fixture("excel-fr-windows-1252.csv"), "text/csv");

        assertThat(report.get("rejected")).as(report.toString()).isEmpty();
        assertThat(report.get("encoding").asString()).startsWith("windows-1252");
        assertThat(report.get("created").asInt()).isEqualTo(2);
        JsonNode helene = user("helene.dupre@fixture-fr.example");
        assertThat(helene.get("firstName").asString()).isEqualTo("Hélène");
        assertThat(helene.get("lastName").asString()).as("Nom is the last name").isEqualTo("Dupré");
        assertThat(helene.get("phone").asString()).isEqualTo("+41 22 123 45 67");
        assertThat(helene.get("jobTitle").asString()).isEqualTo("Directrice financière");
        assertThat(helene.get("mainSiteUser").asBoolean()).as("oui").isTrue();
        JsonNode francois = user("francois.lefevre@fixture-fr.example");
        assertThat(francois.get("mobilePhone").asString()).isEqualTo("+41 79 123 45 67");
        assertThat(francois.get("mainSiteUser").asBoolean()).as("NON").isFalse();
    }

    @Test
    void italianHeadersAndSi_withAndWithoutAccent_areImported() throws Exception {
        byte[] csv = ("Sede,Nome,Cognome,Email,Telefono,Cellulare,Reparto,Mansione,Utente principale\n"
                + "Sede Milano,Giulia,Rossi,giulia.rossi@fixture-it.example,,+39 333 1234,Vendite,Responsabile,sì\n"
                + "Sede Roma,Marco,Bianchi,marco.bianchi@fixture-it.example,,,Vendite,Agente,SI\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        JsonNode report = importBytes(csv, "text/csv");

        assertThat(report.get("rejected")).as(report.toString()).isEmpty();
        JsonNode giulia = user("giulia.rossi@fixture-it.example");
        assertThat(giulia.get("firstName").asString()).as("Nome is the first name").isEqualTo("Giulia");
        assertThat(giulia.get("lastName").asString()).isEqualTo("Rossi");
        assertThat(giulia.get("mobilePhone").asString()).isEqualTo("+39 333 1234");
        assertThat(giulia.get("mainSiteUser").asBoolean()).isTrue();
        assertThat(user("marco.bianchi@fixture-it.example").get("mainSiteUser").asBoolean()).isTrue();
    }

    @Test
    void anUnknownYesNoWord_isRejectedNamingLineColumnAndTheAcceptedWords() throws Exception {
        byte[] csv = ("Standort;E-Mail;Hauptbenutzer\nBüro Wort;ok@fixture-word.example;ja\n"
                + "Büro Wort;vielleicht@fixture-word.example;vielleicht\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        JsonNode report = importBytes(csv, "text/csv");

        assertThat(report.get("created").asInt()).isEqualTo(1);
        JsonNode rejected = report.get("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(rejected.get(0).get("error").asString())
                .startsWith("mainSiteUser 'vielleicht' (line 3, column 'Hauptbenutzer') is not a yes/no word")
                .contains("ja", "nein", "oui", "non", "sì");
    }

    @Test
    void twoHeadersMeaningOneColumn_is400NamingBoth() {
        ApiClient.Answer answer = new ApiClient(port).post("/api/import", "text/csv",
                "Site,E-Mail,Courriel\nX,x@fixture-twice.example,y@fixture-twice.example\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asString())
                .isEqualTo("line 1: columns 'E-Mail' and 'Courriel' both mean email; keep one of them");
    }

    @Test
    void charsetInContentType_winsOverDetection() throws Exception {
        byte[] latin1 = "site,email,lastName\nFixture Latin,l@fixture-latin.example,Bjørn\n"
                .getBytes(Charset.forName("ISO-8859-1"));

        JsonNode report = importBytes(latin1, "text/csv; charset=ISO-8859-1");

        assertThat(report.get("encoding").asString()).isEqualTo("ISO-8859-1 (from Content-Type)");
        assertThat(user("l@fixture-latin.example").get("lastName").asString()).isEqualTo("Bjørn");
    }

    @Test
    void unknownCharset_is415ProblemNamingTheContentType() {
        ApiClient.Answer answer = new ApiClient(port).post("/api/import", "text/csv; charset=klingon",
                "site,email\nX,x@fixture-k.example\n");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains("klingon");
    }

    @Test
    void badQuoting_namesTheLineWhereTheCellStarts() {
        ApiClient.Answer answer = new ApiClient(port).post("/api/import", "text/csv",
                "site,email,lastName\nFixture Q,ok@fixture-q.example,Fine\nFixture Q,bad@fixture-q.example,\"Open\n"
                        + "Fixture Q,next@fixture-q.example,Never\n");

        JsonNode rejected = answer.json().get("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(rejected.get(0).get("error").asString()).startsWith("malformed CSV on line 3: bad quoting");
        assertThat(answer.json().get("complete").asBoolean()).isFalse();
    }
}
