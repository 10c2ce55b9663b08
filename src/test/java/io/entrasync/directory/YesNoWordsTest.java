package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The yes/no words of the import's mainSiteUser column. */
class YesNoWordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "Y", "1", "ja", "Ja", "JA", "j", "WAHR", "oui", "Oui", "VRAI", "sì",
            "SÌ", "si", "Sí", "vero"})
    void yes(String word) {
        assertThat(YesNoWords.parse(word)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "NO", "n", "0", "nein", "Nein", "FALSCH", "non", "NON", "faux", "falso"})
    void no(String word) {
        assertThat(YesNoWords.parse(word)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "vielleicht", "peut-être", "forse", "x", "2", "yess"})
    void anythingElse_isNoWord(String word) {
        assertThat(YesNoWords.parse(word)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theAcceptedList_namesEveryLanguage() {
        assertThat(YesNoWords.accepted()).contains("ja", "nein", "oui", "non", "sì", "si", "no", "true", "false");
    }
}
