package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassesByLibraryTest {

    static final String OWN = "/srv/app/target/classes";

    @Test
    void namesTheLibraryOfEachSource() {
        assertThat(ClassesByLibrary.library("shared objects file", OWN)).isEqualTo(ClassesByLibrary.JDK);
        assertThat(ClassesByLibrary.library("jrt:/java.sql", OWN)).isEqualTo(ClassesByLibrary.JDK);
        assertThat(ClassesByLibrary.library("file:" + OWN + "/", OWN)).isEqualTo(ClassesByLibrary.OWN);
        assertThat(ClassesByLibrary.library(
                "jar:file:/root/.m2/repository/org/thymeleaf/thymeleaf/3.1.3.RELEASE/thymeleaf-3.1.3.RELEASE.jar!/",
                OWN)).isEqualTo("thymeleaf");
        assertThat(ClassesByLibrary.library("file:/root/.m2/repository/org/flywaydb/flyway-core/11.7.2/"
                + "flyway-core-11.7.2.jar", OWN)).isEqualTo("flyway-core");
        assertThat(ClassesByLibrary.library("file:/m2/jakarta.mail-api-2.1.3.jar", OWN)).isEqualTo("jakarta.mail-api");
        assertThat(ClassesByLibrary.library("file:/m2/HikariCP-6.3.3.jar", OWN)).isEqualTo("HikariCP");
        assertThat(ClassesByLibrary.library("__JVM_LookupDefineClass__", OWN)).isEqualTo(ClassesByLibrary.GENERATED);
        assertThat(ClassesByLibrary.library("org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
                OWN)).isEqualTo(ClassesByLibrary.GENERATED);
    }

    @Test
    void groupsLibrariesByWhatTheyServe() {
        assertThat(ClassesByLibrary.feature("spring-boot-actuator-autoconfigure")).startsWith("monitoring");
        assertThat(ClassesByLibrary.feature("micrometer-core")).startsWith("monitoring");
        assertThat(ClassesByLibrary.feature("micrometer-observation")).isEqualTo("Spring Framework and Spring Boot");
        assertThat(ClassesByLibrary.feature("attoparser")).startsWith("page templates");
        assertThat(ClassesByLibrary.feature("spring-security-web")).startsWith("security");
        assertThat(ClassesByLibrary.feature("flyway-database-postgresql")).startsWith("schema migrations");
        assertThat(ClassesByLibrary.feature("camunda-engine")).startsWith("the engine");
        assertThat(ClassesByLibrary.feature("spring-webmvc")).isEqualTo("Spring Framework and Spring Boot");
        assertThat(ClassesByLibrary.feature("caffeine")).isEqualTo("other libraries");
        assertThat(ClassesByLibrary.feature(ClassesByLibrary.OWN)).isEqualTo(ClassesByLibrary.OWN);
    }

    @Test
    void countsALogAndTablesTheDifferenceLargestFirst(@TempDir Path dir) throws Exception {
        Path ours = dir.resolve("ours.log");
        Files.writeString(ours, """
                [0.020s][info][class,load] java.lang.Object source: shared objects file
                [0.078s][info][class,load] az.opengov.nap.NapApplication source: file:/srv/app/target/classes/
                [0.080s][info][class,load] org.thymeleaf.A source: jar:file:/m2/thymeleaf-3.1.3.RELEASE.jar!/
                [0.081s][info][class,load] org.thymeleaf.B source: jar:file:/m2/thymeleaf-3.1.3.RELEASE.jar!/
                [0.082s][info][class,load] org.camunda.A source: jar:file:/m2/camunda-engine-7.24.0.jar!/
                [0.083s][info][class,load ] x.Lambda source: __JVM_LookupDefineClass__
                [0.084s][info][gc] not a class line
                """);
        Map<String, Integer> counted = ClassesByLibrary.byLibrary(ours, OWN);
        assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(ClassesByLibrary.JDK, 1, ClassesByLibrary.OWN,
                1, "thymeleaf", 2, "camunda-engine", 1, ClassesByLibrary.GENERATED, 1));

        String table = ClassesByLibrary.markdown(counted, Map.of(ClassesByLibrary.JDK, 1, "camunda-engine", 3));
        assertThat(table).contains("ours 6, the bare application 4.")
                .contains("| page templates (Thymeleaf) | 2 | 0 | 2 |")
                .contains("| the engine (Camunda, MyBatis, FEEL, JUEL) | 1 | 3 | -2 |");
        assertThat(table.indexOf("page templates")).isLessThan(table.indexOf(ClassesByLibrary.OWN));
        assertThat(table.indexOf(ClassesByLibrary.OWN)).isLessThan(table.indexOf("the engine"));
    }
}
