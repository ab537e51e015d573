package az.opengov.nap.worklist;

import java.time.Instant;

/** A task as people see it in their lists: the engine's task with its measure, cycle and agency. */
public record WorkItem(String taskId, String processInstanceId, WorkKind kind, String planCode, long measureId,
                       String measureCode, int section, Integer cycleNumber, String agencyCode, String role,
                       String candidateGroup, String assignee, Long reportId, boolean returned, String state,
                       Instant createdAt, Instant dueAt) {

    public boolean overdue(Instant now) {
        return dueAt != null && now.isAfter(dueAt);
    }
}
