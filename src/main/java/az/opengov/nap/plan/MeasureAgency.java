package az.opengov.nap.plan;

/**
 * An agency taking part in a measure. {@code namedAs} is the collective it came from ("bələdiyyələr"), or null when
 * the plan names it itself.
 */
public record MeasureAgency(long measureId, String agencyCode, AgencyRole role, String namedAs, boolean active) {
}
