package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "claire.johnson@myorg.org", "x+tag@sub.example.com", "müller@bücher.de"})
    void accepts(String email) {
        assertThat(EmailAddress.isValid(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "a b@c.de", "@c.de", "a@@c.de", "a@-c.de", "<a@c.de>", "a@c.de\n"})
    void rejects(String email) {
        assertThat(EmailAddress.isValid(email)).isFalse();
    }
}
