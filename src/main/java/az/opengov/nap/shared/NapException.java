package az.opengov.nap.shared;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A business error shown to the user in their language: {@code messageKey} names a text in
 * {@code messages*.properties}, {@code args} fill its placeholders, and {@code errors} list the fields at fault.
 */
public class NapException extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;
    private final transient Object[] args;
    private final List<FieldProblem> errors;

    public NapException(HttpStatus status, String messageKey, Object... args) {
        this(status, messageKey, List.of(), args);
    }

    public NapException(HttpStatus status, String messageKey, List<FieldProblem> errors, Object... args) {
        super(messageKey + (args.length > 0 ? " " + java.util.Arrays.toString(args) : "")
                + (errors.isEmpty() ? "" : " " + errors));
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
        this.errors = List.copyOf(errors);
    }

    public static NapException notFound(String what, Object id) {
        return new NapException(HttpStatus.NOT_FOUND, "error.notFound", what, id);
    }

    public static NapException forbidden() {
        return new NapException(HttpStatus.FORBIDDEN, "error.forbidden");
    }

    public static NapException conflict(String messageKey, Object... args) {
        return new NapException(HttpStatus.CONFLICT, messageKey, args);
    }

    public static NapException invalid(List<FieldProblem> errors) {
        return new NapException(HttpStatus.UNPROCESSABLE_ENTITY, "error.validation", errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
