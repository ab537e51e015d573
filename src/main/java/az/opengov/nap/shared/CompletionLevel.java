package az.opengov.nap.shared;

/** The OGP Independent Reporting Mechanism's completion scale, plus "no evidence available" for the silent. */
public enum CompletionLevel {
    NOT_STARTED,
    LIMITED,
    SUBSTANTIAL,
    COMPLETE,
    NO_EVIDENCE
}
