package az.opengov.nap.review;

public enum ReviewDecision {
    APPROVED,
    RETURNED
}
