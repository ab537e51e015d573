package az.opengov.nap.publication;

import java.time.Instant;

/** An approved report made public, once. */
public record Publication(long id, long reportId, long measureId, int cycleNumber, String agencyCode,
                          Instant publishedAt) {
}
