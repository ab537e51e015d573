package az.opengov.nap.worklist;

public enum WorkKind {
    /** An executor's progress report. */
    REPORT,
    /** An invited (recommended) body's progress report. */
    INVITED_REPORT,
    /** The commission's review of a submitted report. */
    REVIEW,
    /** The commission's final assessment of a measure. */
    FINAL_ASSESSMENT
}
