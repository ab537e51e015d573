package az.opengov.nap.measure;

import java.time.Instant;

/** An administrative change to a running measure, with its reason: recorded, never edited. */
public record MeasureAction(String action, String agencyCode, Integer cycleNumber, String reason, String details,
                            String actor, Instant actedAt) {
}
