package az.opengov.nap.evidence;

/** Whether an evidence file is published with the report or seen by the commission only. */
public enum EvidenceVisibility {
    PUBLIC,
    INTERNAL
}
