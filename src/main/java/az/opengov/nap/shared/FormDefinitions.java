package az.opengov.nap.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The fields and rules of the Camunda Forms in {@code forms/}, read from the same files the engine deploys, so a
 * field and its validation are defined once for Tasklist, the API and the workspace.
 */
@Component
public class FormDefinitions {

    public static final String PROGRESS_REPORT = "ProgressReport";
    public static final String PROGRESS_REVIEW = "ProgressReview";
    public static final String FINAL_ASSESSMENT = "FinalAssessment";

    /** A field of a form: its key (= variable name), type, whether required, its maximum length and allowed values. */
    public record Field(String key, String type, String label, boolean required, Integer maxLength,
                        List<String> values) {
    }

    private final Map<String, List<Field>> forms = new LinkedHashMap<>();

    public FormDefinitions(ObjectMapper json) {
        for (String id : List.of(PROGRESS_REPORT, PROGRESS_REVIEW, FINAL_ASSESSMENT)) {
            forms.put(id, read(json, id));
        }
    }

    public List<Field> fields(String formId) {
        List<Field> fields = forms.get(formId);
        if (fields == null) {
            throw new IllegalArgumentException("unknown form " + formId);
        }
        return fields;
    }

    public List<String> keys(String formId) {
        return fields(formId).stream().map(Field::key).toList();
    }

    /** Checks values against the form's rules: required fields, maximum lengths, allowed values. */
    public List<FieldProblem> validate(String formId, Map<String, ?> values) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Field f : fields(formId)) {
            Object v = values.get(f.key());
            String s = v == null ? null : v.toString();
            if (s == null || s.isBlank()) {
                if (f.required()) {
                    problems.add(FieldProblem.of(f.key(), "validation.required"));
                }
                continue;
            }
            if (f.maxLength() != null && s.length() > f.maxLength()) {
                problems.add(FieldProblem.of(f.key(), "validation.maxLength", f.maxLength()));
            }
            if (!f.values().isEmpty() && !f.values().contains(s)) {
                problems.add(FieldProblem.of(f.key(), "validation.notAllowed", s));
            }
        }
        return problems;
    }

    private static List<Field> read(ObjectMapper json, String id) {
        try (InputStream in = new ClassPathResource("forms/" + id + ".form").getInputStream()) {
            JsonNode root = json.readTree(in);
            if (!id.equals(root.path("id").asText())) {
                throw new IllegalStateException("form file " + id + ".form holds form id " + root.path("id").asText());
            }
            List<Field> fields = new ArrayList<>();
            for (JsonNode c : root.path("components")) {
                if (!c.hasNonNull("key")) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                c.path("values").forEach(v -> values.add(v.path("value").asText()));
                JsonNode validate = c.path("validate");
                fields.add(new Field(c.get("key").asText(), c.path("type").asText(), c.path("label").asText(),
                        validate.path("required").asBoolean(false),
                        validate.has("maxLength") ? validate.get("maxLength").asInt() : null, List.copyOf(values)));
            }
            return List.copyOf(fields);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read form " + id, e);
        }
    }

    /** Keys of every field of the given forms. */
    public Set<String> allKeys(String... formIds) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (String id : formIds) {
            keys.addAll(keys(id));
        }
        return keys;
    }
}
