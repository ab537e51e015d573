package az.opengov.nap.measure;

public enum ParticipantStatus {
    /** Asked for a report, not yet approved. */
    OPEN,
    /** The report was approved and published. */
    PUBLISHED,
    /** An invited body whose reporting window closed without a report. */
    NOT_REPORTED,
    /** Removed from the measure by an amendment. */
    REMOVED
}
