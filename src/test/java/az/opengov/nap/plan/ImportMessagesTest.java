package az.opengov.nap.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * Every import message key used in the code has a text in Azerbaijani, English and Russian, and no text is left
 * over.
 */
class ImportMessagesTest {

    /** A message key as the code spells it; the command line options {@code import.file, import.title} are not. */
    private static final Pattern KEY = Pattern.compile("\"(import\\.[a-zA-Z]+)\"");

    @Test
    void everyKeyHasATextInEachLanguage() throws IOException {
        Set<String> used = usedKeys();
        assertThat(used).contains("import.missingColumn", "import.encoding", "import.formula");

        for (String file : List.of("i18n/import.properties", "i18n/import_en.properties",
                "i18n/import_ru.properties")) {
            Properties texts = load(file);
            assertThat(texts.stringPropertyNames()).as(file).isEqualTo(used);
            texts.stringPropertyNames().forEach(k -> assertThat(texts.getProperty(k)).as(k).isNotBlank()
                    .doesNotContain("\\u"));
        }
    }

    @Test
    void azerbaijaniTextsKeepTheirLetters() throws IOException {
        assertThat(load("i18n/import.properties").getProperty("import.unknownOrganisation"))
                .isEqualTo("Qurum reyestrdə tapılmadı: {0}");
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/az/opengov/nap/plan"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        keys.removeAll(Set.of("import.file", "import.title"));
        return keys;
    }

    private static Properties load(String file) throws IOException {
        Properties texts = new Properties();
        try (Reader in = new InputStreamReader(new ClassPathResource(file).getInputStream(), StandardCharsets.UTF_8)) {
            texts.load(in);
        }
        return texts;
    }
}
