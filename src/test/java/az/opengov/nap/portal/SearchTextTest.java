package az.opengov.nap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Search folding: case-insensitive and Azerbaijani-aware. */
class SearchTextTest {

    @Test
    void foldsAzerbaijaniLettersAndCase() {
        assertThat(SearchText.fold("Şəffaflıq İNFORMASİYA Ədliyyə Gənclər Ölkə Üzv Çox")).isEqualTo(
                "seffafliq informasiya edliyye gencler olke uzv cox");
        assertThat(SearchText.fold("IĞDIR  ığdır")).isEqualTo("igdir igdir");
        assertThat(SearchText.fold("Министерство Связи")).isEqualTo("министерство связи");
        assertThat(SearchText.terms(" e-hökumət,  portal ")).containsExactly("e-hokumet", "portal");
        assertThat(SearchText.matchesAll(SearchText.fold("Elektron hökumət portalı"),
                SearchText.terms("HOKUMET portali"))).isTrue();
        assertThat(SearchText.matchesAll("abc", SearchText.terms(""))).isFalse();
    }
}
