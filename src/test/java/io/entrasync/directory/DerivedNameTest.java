package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerivedNameTest {

    @ParameterizedTest
    @CsvSource({
            "claire.johnson@myorg.org, Claire, Johnson",
            "c.johnson@myorg.org, C, Johnson",
            "clairejohnson@myorg.org, Clairejohnson, Clairejohnson",
            "mary.ann.lee@x.org, Mary Ann, Lee",
            "CLAIRE_JOHNSON@x.org, Claire, Johnson",
            "claire.johnson+billing@x.org, Claire, Johnson",
            "jo..smith@x.org, Jo, Smith",
            "o'brien@x.org, O'Brien, O'Brien",
            "sean.o'neil@x.org, Sean, O'Neil",
            "anne-marie.dupont@x.org, Anne-Marie, Dupont"
    })
    void nameFromAddress(String email, String first, String last) {
        assertThat(DerivedName.fromAddress(email)).isEqualTo(new DerivedName(first, last));
    }

    @Test
    void displayNameWithTwoWordsWins() {
        assertThat(DerivedName.fromSender("Claire Anne Johnson", "cj@x.org"))
                .isEqualTo(new DerivedName("Claire Anne", "Johnson"));
    }

    @Test
    void singleWordDisplayNameFallsBackToTheAddress() {
        assertThat(DerivedName.fromSender("Claire", "claire.johnson@x.org"))
                .isEqualTo(new DerivedName("Claire", "Johnson"));
    }
}
