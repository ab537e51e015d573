package az.opengov.nap.security;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.shared.FieldProblem;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shortCommonAndNameContainingPasswordsAreRefusedLongPhrasesAccepted() {
        assertThat(policy.problems("ali", "short")).extracting(FieldProblem::messageKey)
                .containsExactly("password.tooShort");
        assertThat(policy.problems("ali", "password1234")).extracting(FieldProblem::messageKey)
                .containsExactly("password.common");
        assertThat(policy.problems("ali", "qwertyuiop123")).extracting(FieldProblem::messageKey)
                .containsExactly("password.common");
        assertThat(policy.problems("mammadov", "mammadov-2026-baki")).extracting(FieldProblem::messageKey)
                .containsExactly("password.containsUsername");
        assertThat(policy.problems("ali", "x".repeat(129))).extracting(FieldProblem::messageKey)
                .containsExactly("password.tooLong");
        assertThat(policy.problems("ali", "çay bağında üç ağac")).isEmpty();
        assertThat(policy.problems("ali", "correct horse battery staple")).isEmpty();
    }
}
