package az.opengov.nap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class UserDirectoryTest {

    final AtomicInteger hashed = new AtomicInteger();
    final PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            hashed.incrementAndGet();
            return argon2.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return argon2.matches(raw, encoded);
        }
    };

    @Test
    void usersSharingAPasswordAreHashedOnceAndEachSignsInWithIt() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:user-directory;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).load().migrate();
        UserDirectory users = new UserDirectory(JdbcClient.create(db), counting);

        users.createAll(List.of(new AppUser("demo-a", "A", "a@demo.example", "az", null, false, true, true),
                new AppUser("demo-b", "B", "b@demo.example", "en", null, true, false, true),
                new AppUser("demo-c", "C", "c@demo.example", "ru", null, false, false, false)), "shared-secret-1");
        users.createAll(List.of(), "nobody");
        users.create(new AppUser("alone", "Alone", null, "az", null, false, false, true), "another-secret-2");

        assertThat(hashed).hasValue(2);
        for (String username : List.of("demo-a", "demo-b", "demo-c")) {
            assertThat(users.find(username)).isPresent();
            assertThat(argon2.matches("shared-secret-1", users.loadUserByUsername(username).getPassword()))
                    .as(username).isTrue();
        }
        assertThat(users.find("demo-b").orElseThrow().reviewer()).isTrue();
        assertThat(users.find("demo-c").orElseThrow().enabled()).isFalse();
        assertThat(argon2.matches("another-secret-2", users.loadUserByUsername("alone").getPassword())).isTrue();
        assertThat(argon2.matches("shared-secret-1", users.loadUserByUsername("alone").getPassword())).isFalse();
    }
}
