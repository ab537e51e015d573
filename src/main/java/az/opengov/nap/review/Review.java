package az.opengov.nap.review;

import java.time.Instant;

/** The commission's decision on one report version, with who made it and when. */
public record Review(long id, long reportId, ReviewDecision decision, String comment, String completionLevel,
                     String reviewer, Instant decidedAt) {
}
