package az.opengov.nap.measure;

import java.time.Instant;

/** An engine job with no retries left: an incident an administrator may retry, or look at in Cockpit. */
public record FailedJob(String id, String processInstanceId, String processKey, String activityId,
                        String exceptionMessage, Instant dueAt, Instant createdAt) {
}
