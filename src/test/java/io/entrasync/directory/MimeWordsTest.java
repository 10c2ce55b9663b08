package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeWordsTest {

    @Test
    void base64AndQuotedPrintableWords_areDecoded() {
        assertThat(MimeWords.decode("=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?=")).isEqualTo("Jürgen Müller");
        assertThat(MimeWords.decode("=?iso-8859-1?q?M=FCller_AG?=")).isEqualTo("Müller AG");
    }

    @Test
    void whitespaceBetweenAdjacentWords_isDropped_butKeptAroundPlainText() {
        assertThat(MimeWords.decode("=?UTF-8?Q?Ren=C3=A9e?= =?UTF-8?Q?_Dupont?=")).isEqualTo("Renée Dupont");
        assertThat(MimeWords.decode("Dr. =?UTF-8?Q?J=C3=BCrgen?= Roth")).isEqualTo("Dr. Jürgen Roth");
    }

    @Test
    void unknownCharsetOrBrokenEncoding_isKeptAsItArrived() {
        assertThat(MimeWords.decode("=?x-unknown?B?SGk=?=")).isEqualTo("=?x-unknown?B?SGk=?=");
        assertThat(MimeWords.decode("=?UTF-8?B?@@@?=")).isEqualTo("=?UTF-8?B?@@@?=");
        assertThat(MimeWords.decode("=?UTF-8?Q?a=Z?=")).isEqualTo("=?UTF-8?Q?a=Z?=");
        assertThat(MimeWords.decode("plain")).isEqualTo("plain");
        assertThat(MimeWords.decode(null)).isNull();
    }

    @Test
    void automatedMail_isRecognisedByAddressAndHeaders() {
        assertThat(AutomatedMail.reason("MAILER-DAEMON@x.org", null)).isPresent();
        assertThat(AutomatedMail.reason("claire@x.org", java.util.Map.of("PRECEDENCE", "bulk"))).isPresent();
        assertThat(AutomatedMail.reason("claire@x.org", java.util.Map.of("Auto-Submitted", "no"))).isEmpty();
        assertThat(AutomatedMail.reason("noreplyjane@x.org", null)).isEmpty();
    }
}
