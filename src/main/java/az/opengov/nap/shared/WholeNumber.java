package az.opengov.nap.shared;

import java.util.List;

/** A whole-number request parameter (a page, a size, a section), read within bounds or reported by its name. */
public final class WholeNumber {

    private WholeNumber() {
    }

    /**
     * The value as a whole number from {@code min} to {@code max}; {@code ifAbsent} when it is null or blank. Anything
     * else adds a problem naming {@code field} ("… is not a whole number from min to max", in the reader's language)
     * and gives {@code ifAbsent}: the caller refuses the request once all its parameters are read.
     */
    public static Integer parse(String value, Integer ifAbsent, int min, int max, String field,
                                List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return ifAbsent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(FieldProblem.of(field, "validation.wholeNumber", value, min, max));
        return ifAbsent;
    }
}
