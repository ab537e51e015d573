package az.opengov.nap.worklist;

/**
 * A domain event: a task appeared in someone's list (a new report task, an invitation, a returned report, a report
 * waiting for review, a final assessment). Published synchronously in the transaction that created the task.
 */
public record WorkItemOpened(WorkItem item) {
}
