package az.opengov.nap.shared.web;

import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Problems as an admin page shows them: row, column or field, and the message in the user's language. A refused
 * action without field problems becomes one line with the refusal's own message.
 */
public final class PageProblems {

    /** One line of a validation report. */
    public record Line(Integer row, String field, String message) {
    }

    private PageProblems() {
    }

    public static List<Line> lines(List<FieldProblem> problems, Messages messages) {
        return problems.stream().map(p -> new Line(p.row(), p.field(), messages.text(p))).toList();
    }

    public static List<Line> lines(NapException e, Messages messages) {
        if (e.errors() != null && !e.errors().isEmpty()) {
            return lines(e.errors(), messages);
        }
        return List.of(new Line(null, null, messages.text(e.messageKey(), e.args())));
    }

    /** The first message per field, for showing next to each input. */
    public static Map<String, String> byField(List<Line> lines) {
        return lines.stream().filter(l -> l.field() != null)
                .collect(Collectors.toMap(Line::field, Line::message, (a, b) -> a));
    }
}
