package az.opengov.nap.shared;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where errors become HTTP answers: an RFC 9457 problem with a title and detail in the user's
 * language and, for invalid input, every field at fault. Never a stack trace.
 */
@RestControllerAdvice(basePackages = "az.opengov.nap")
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Messages messages;

    public ProblemHandler(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NapException.class)
    ResponseEntity<ProblemDetail> nap(NapException e) {
        return ResponseEntity.status(e.status()).body(problem(e));
    }

    /** Two people acting on the same task at once: one wins, the other is told. */
    @ExceptionHandler({OptimisticLockingException.class, NullValueException.class})
    ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
        log.info("Concurrent change refused: {}", e.getMessage());
        return nap(NapException.conflict("error.concurrentChange"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return nap(NapException.forbidden());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badArgument(MethodArgumentTypeMismatchException e) {
        return nap(new NapException(HttpStatus.BAD_REQUEST, "error.badArgument", e.getName()));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        NapException tooLarge = new NapException(HttpStatus.PAYLOAD_TOO_LARGE, "error.tooLarge");
        return ResponseEntity.status(tooLarge.status()).body(problem(tooLarge));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(f -> FieldProblem.of(f.getField(), "validation.invalid", f.getDefaultMessage())).toList();
        return ResponseEntity.unprocessableEntity().body(problem(NapException.invalid(problems)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        NapException passing = TransientFailure.of(e).orElse(null);
        if (passing != null) {
            // a lost race (409) or the database away (503, retry later): nobody's bug, no stack trace in the log
            log.info("Transient failure answered {}: {}", passing.status().value(), e.toString());
            return passing.status() == HttpStatus.SERVICE_UNAVAILABLE
                    ? ResponseEntity.status(passing.status())
                            .header("Retry-After", String.valueOf(TransientFailure.RETRY_AFTER_SECONDS))
                            .body(problem(passing))
                    : nap(passing);
        }
        log.error("Unexpected error", e);
        return nap(new NapException(HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected"));
    }

    ProblemDetail problem(NapException e) {
        return problem(e, LocaleContextHolder.getLocale());
    }

    /**
     * The problem document of {@code e} in {@code locale}: also for answers written before Spring MVC, where the
     * request's language is not yet resolved ({@code shared.web.ProblemAnswers}).
     */
    public ProblemDetail problem(NapException e, Locale locale) {
        ProblemDetail p = ProblemDetail.forStatus(e.status());
        p.setType(URI.create("urn:nap:problem:" + e.messageKey()));
        p.setTitle(messages.text(locale, "error.title." + e.status().value()));
        p.setDetail(messages.text(locale, e.messageKey(), e.args()));
        p.setProperty("code", e.messageKey());
        if (!e.errors().isEmpty()) {
            p.setProperty("errors", e.errors().stream().map(f -> error(f, locale)).toList());
        }
        return p;
    }

    private Map<String, Object> error(FieldProblem f, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (f.row() != null) {
            m.put("row", f.row());
        }
        m.put("field", f.field());
        m.put("code", f.messageKey());
        m.put("message", messages.text(locale, f.messageKey(), f.args()));
        return m;
    }
}
