package az.opengov.nap.publication;

import java.time.Instant;

/** The commission's final word on a measure: its completion level and a summary. */
public record FinalAssessment(long measureId, String completionLevel, String summary, String assessedBy,
                              Instant assessedAt, Instant publishedAt) {
}
