package az.opengov.nap.security;

import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters (long passphrases welcome, at most
 * {@value #MAX_LENGTH}), not one of the common passwords, and not the user's name. No composition rules: they make
 * passwords harder to remember, not to guess (NIST SP 800-63B).
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common = new HashSet<>();

    public PasswordPolicy() {
        try (var in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(common::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a password that breaks the policy, naming every reason. */
    public void check(String username, String password) {
        List<FieldProblem> problems = problems(username, password);
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
    }

    List<FieldProblem> problems(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return List.of(FieldProblem.of("password", "password.tooShort", MIN_LENGTH));
        }
        if (password.length() > MAX_LENGTH) {
            return List.of(FieldProblem.of("password", "password.tooLong", MAX_LENGTH));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replaceAll("[0-9!@#$%^&*._-]+$", ""))
                && lower.replaceAll("[0-9!@#$%^&*._-]+$", "").length() >= 4 && lower.length() < 16) {
            return List.of(FieldProblem.of("password", "password.common"));
        }
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return List.of(FieldProblem.of("password", "password.containsUsername"));
        }
        return List.of();
    }
}
