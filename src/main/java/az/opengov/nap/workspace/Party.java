package az.opengov.nap.workspace;

/** An agency taking part in a measure, as the reader sees it. */
public record Party(String code, String name, String role, boolean own, boolean active) {
}
