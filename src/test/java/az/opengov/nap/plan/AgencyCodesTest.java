package az.opengov.nap.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AgencyCodesTest {

    @Test
    void azerbaijaniLettersBecomeAscii() {
        assertThat(AgencyCodes.transliterate("Əşçığöüİı")).isEqualTo("ESHCHIGOUII");
    }

    @Test
    void shortNamesKeepTheirWordsLongNamesTheirInitials() {
        assertThat(AgencyCodes.derive("Dövlət Fondu")).isEqualTo("DOVLET_FONDU");
        assertThat(AgencyCodes.derive("“Şəki” İpək")).isEqualTo("SHEKI_IPEK");
        assertThat(AgencyCodes.derive("Gənclər Təşəbbüsləri Mərkəzi")).isEqualTo("GTM");
        assertThat(AgencyCodes.derive("189 nömrəli tam orta məktəb")).isEqualTo("189NTOM");
        assertThat(AgencyCodes.derive("Café Müzeyi")).isEqualTo("CAFE_MUZEYI");
        assertThat(AgencyCodes.derive("«»")).isEqualTo("AGENCY");
    }

    @Test
    void takenCodesGetANumericSuffix() {
        Set<String> taken = Set.of("GTM", "GTM_2");

        assertThat(AgencyCodes.unique("GTM", taken::contains)).isEqualTo("GTM_3");
        assertThat(AgencyCodes.unique("ABC", taken::contains)).isEqualTo("ABC");
    }
}
