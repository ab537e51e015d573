package az.opengov.nap.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplatePreinitializerTest {

    @Test
    void theWarmUpRendersItsTemplateWithEscapingAndLinks() {
        String page = TemplatePreinitializer.warm();
        assertThat(page)
                .contains("<html lang=\"az\">")
                .contains("<title>Açıq hökumət &amp; &lt;şəffaflıq&gt;</title>")
                .contains("href=\"https://portal.example/plans/1.1?lang=az\"")
                .contains("2.3 &lt;b&gt;")
                .contains("Ədliyyə &quot;Nazirliyi&quot;")
                .contains("AÇIQ HÖKUMƏT &amp; &lt;ŞƏFFAFLIQ&gt; 3")
                .doesNotContain("th:");
    }
}
