package az.opengov.nap.plan;

/** Executors ("İcraçılar") must act and report; recommended bodies ("Tövsiyə edilir") are invited, never ordered. */
public enum AgencyRole {
    EXECUTOR,
    RECOMMENDED
}
