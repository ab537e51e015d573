package az.opengov.nap.shared;

/**
 * One problem with one input: the field (or column) at fault, the row where there are rows, and a message key
 * with its arguments.
 */
public record FieldProblem(Integer row, String field, String messageKey, Object... args) {

    public static FieldProblem of(String field, String messageKey, Object... args) {
        return new FieldProblem(null, field, messageKey, args);
    }

    @Override
    public String toString() {
        return (row == null ? "" : "row " + row + " ") + field + ": " + messageKey
                + (args.length == 0 ? "" : " " + java.util.Arrays.toString(args));
    }
}
