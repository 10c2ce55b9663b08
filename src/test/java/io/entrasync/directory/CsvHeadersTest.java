package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.problem.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header table: English, German, French and Italian names, matched without case, accents or separators. */
class CsvHeadersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "site|site", "Standort|site", "Site|site", "Sede|site", "Établissement|site",
            "email|email", "EMAIL|email", "E-Mail|email", "e_mail|email", "Adresse e-mail|email", "Courriel|email",
            "E-mail|email", "Email|email", "Indirizzo email|email",
            "firstName|firstName", "first name|firstName", "Vorname|firstName", "Prénom|firstName", "PRENOM|firstName",
            "Nome|firstName",
            "lastName|lastName", "Last_Name|lastName", "Nachname|lastName", "Nom|lastName", "Nom de famille|lastName",
            "Cognome|lastName",
            "phone|phone", "Telefon|phone", "Téléphone|phone", "Telefono|phone", "Tel.|phone",
            "mobilePhone|mobilePhone", "Mobil|mobilePhone", "Mobiltelefon|mobilePhone", "Portable|mobilePhone",
            "Mobile|mobilePhone", "Cellulare|mobilePhone", "Handy|mobilePhone",
            "department|department", "Abteilung|department", "Service|department", "Département|department",
            "Reparto|department",
            "jobTitle|jobTitle", "Job Title|jobTitle", "Position|jobTitle", "Stellenbezeichnung|jobTitle",
            "Fonction|jobTitle", "Poste|jobTitle", "Mansione|jobTitle", "Ruolo|jobTitle",
            "mainSiteUser|mainSiteUser", "main-site-user|mainSiteUser", "Hauptbenutzer|mainSiteUser",
            "Utilisateur principal|mainSiteUser", "Utente principale|mainSiteUser"})
    void eachNameMeansItsColumn(String written, String column) {
        List<String> header = new java.util.ArrayList<>(List.of(written));
        List.of("site", "email").stream().filter(required -> !required.equals(column)).forEach(header::add);

        Map<String, String> columns = CsvHeaders.resolve(header);

        assertThat(columns).containsEntry(column, written);
    }

    @Test
    void normalForm_dropsCaseAccentsSpacesDashesUnderscoresAndDots() {
        assertThat(CsvHeaders.normalize(" Adresse  É-mail_Pro. ")).isEqualTo("adresseemailpro");
        assertThat(CsvHeaders.normalize("Téléphone")).isEqualTo("telephone");
    }

    @Test
    void noNameIsListedTwice_andNoneMeansTwoColumns() {
        assertThat(CsvHeaders.ALIASES.values().stream().flatMap(List::stream).map(CsvHeaders::normalize))
                .doesNotHaveDuplicates();
    }

    @Nested
    class Errors {

        @Test
        void twoNamesOfOneColumn_nameBoth() {
            assertThatThrownBy(() -> CsvHeaders.resolve(List.of("Standort", "Mobil", "E-Mail", "Mobiltelefon")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("line 1: columns 'Mobil' and 'Mobiltelefon' both mean mobilePhone; keep one of them");
        }

        @Test
        void anUnknownName_isNamed() {
            assertThatThrownBy(() -> CsvHeaders.resolve(List.of("Standort", "E-Mail", "Fax")))
                    .hasMessageStartingWith("line 1: unknown column 'Fax'; expected columns site,firstName,lastName,");
        }

        @Test
        void aMissingRequiredColumn_listsItsOtherNames() {
            assertThatThrownBy(() -> CsvHeaders.resolve(List.of("Standort", "Vorname")))
                    .hasMessageStartingWith("line 1: required column 'email' is missing (also accepted as: E-Mail,")
                    .hasMessageContaining("Courriel");
        }
    }
}
