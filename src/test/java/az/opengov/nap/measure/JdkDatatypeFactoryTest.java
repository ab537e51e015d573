package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Naming the JDK's DatatypeFactory spares the engine's timers a class path search each, and changes no implementation:
 * the search, where nothing is named, finds the JDK's too (no jar of the application provides another).
 */
class JdkDatatypeFactoryTest {

    private static final String PROPERTY = DatatypeFactory.class.getName();
    private String before;

    @BeforeEach
    void unnamed() {
        before = System.getProperty(PROPERTY);
        System.clearProperty(PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void theSearchFindsTheJdksImplementationAndThePluginNamesThatOne() throws Exception {
        String searched = DatatypeFactory.newInstance().getClass().getName();
        assertThat(searched).isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);

        new EngineConfiguration().jdkDatatypeFactory().preInit(null);

        assertThat(System.getProperty(PROPERTY)).isEqualTo(searched);
        assertThat(DatatypeFactory.newInstance().getClass().getName()).isEqualTo(searched);
        assertThat(DatatypeFactory.newInstance().newDuration("P7D").getDays()).isEqualTo(7);
    }

    @Test
    void aFactoryNamedAlreadyIsKept() {
        System.setProperty(PROPERTY, "org.example.OtherDatatypeFactory");

        EngineConfiguration.nameJdkDatatypeFactory();

        assertThat(System.getProperty(PROPERTY)).isEqualTo("org.example.OtherDatatypeFactory");
    }
}
