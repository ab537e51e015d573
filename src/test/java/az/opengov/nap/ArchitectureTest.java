package az.opengov.nap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The house rules that keep the engine behind its facade and the features apart. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("az.opengov.nap");

    @Test
    void controllersNeverTouchTheEngine() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine..")
                .check(CLASSES);
    }

    @Test
    void onlyTheMeasureFeatureDrivesTheEngine() {
        noClasses().that().resideOutsideOfPackages("az.opengov.nap.measure..", "az.opengov.nap.worklist..",
                        "az.opengov.nap.security..", "az.opengov.nap.shared..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.camunda.bpm.engine.RuntimeService")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.camunda.bpm.engine.TaskService")
                .check(CLASSES);
    }

    @Test
    void delegatesAreThinNoRepositoriesNoEngineInternals() {
        noClasses().that().resideInAPackage("az.opengov.nap.measure.process..")
                .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine.impl..",
                        "org.springframework.jdbc..")
                .check(CLASSES);
    }

    @Test
    void repositoriesStayInsideTheirFeature() {
        classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(CLASSES);
    }

    @Test
    void controllersStayInsideTheirFeature() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic()
                .andShould().resideInAPackage("..web..").check(CLASSES);
    }
}
