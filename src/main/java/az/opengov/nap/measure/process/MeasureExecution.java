package az.opengov.nap.measure.process;

import java.util.List;
import java.util.Set;

/**
 * The descriptor of {@code processes/MeasureExecution.bpmn}: its key, element ids, messages and variables, so that
 * Java never spells an id as a loose string. Variables hold ids, dates and routing flags only; report content lives
 * in the project's tables.
 */
public final class MeasureExecution {

    public static final String PROCESS_KEY = "MeasureExecution";
    /** The version tag of the model this application deploys ({@code processes/MeasureExecution.bpmn}). */
    public static final String MODEL_VERSION = "1.5.0";

    /** The model versions whose gateway routes an agency's report on its {@link Variables#ROLE} variable. */
    private static final Set<String> ROLE_VARIABLE_VERSIONS = Set.of("1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0");

    private MeasureExecution() {
    }

    /**
     * Whether a measure started on the model of this version tag routes its agencies' reports on their role variable
     * (before 1.5.0), rather than on the participants' roles ({@link ParticipantRole}).
     */
    public static boolean routesOnRoleVariable(String versionTag) {
        return versionTag == null || ROLE_VARIABLE_VERSIONS.contains(versionTag);
    }

    /** Element ids as drawn in the diagram. */
    public static final class Elements {
        public static final String START_MEASURE_STARTED = "Start_MeasureStarted";
        public static final String START_CYCLE_SCHEDULED = "Start_CycleScheduled";
        public static final String END_CYCLE_CLOSED = "End_CycleClosed";
        public static final String START_AGENCY_REPORT_REQUESTED = "Start_AgencyReportRequested";
        public static final String GATEWAY_REPORT_REQUESTED = "Gateway_ReportRequested";
        public static final String GATEWAY_REPORT_SUBMITTED = "Gateway_ReportSubmitted";
        public static final String EVENT_SUBPROCESS_AGENCY_REMOVED = "EventSubProcess_AgencyRemoved";
        public static final String TASK_RECORD_AGENCY_REMOVAL = "Task_RecordAgencyRemoval";
        public static final String EVENT_SUBPROCESS_MEASURE_CANCELLED = "EventSubProcess_MeasureCancelled";
        public static final String TASK_RECORD_CANCELLATION = "Task_RecordCancellation";
        public static final String TASK_PLAN_REPORTING_CYCLES = "Task_PlanReportingCycles";
        public static final String SUBPROCESS_REPORTING_CYCLE = "SubProcess_ReportingCycle";
        public static final String TIMER_CYCLE_OPENS = "Timer_CycleOpens";
        public static final String TASK_OPEN_REPORTING_CYCLE = "Task_OpenReportingCycle";
        public static final String SUBPROCESS_AGENCY_REPORT = "SubProcess_AgencyReport";
        /**
         * The engine's multi-instance body around {@link #SUBPROCESS_AGENCY_REPORT}: one per open cycle, holding its
         * agencies' reports. Asynchronous before it, so this is also the activity of the job that opens the cycle's
         * reports (all of them in one transaction) and of the incident when that job runs out of retries.
         */
        public static final String AGENCY_REPORTS = SUBPROCESS_AGENCY_REPORT + "#multiInstanceBody";
        public static final String GATEWAY_PARTICIPANT_ROLE = "Gateway_ParticipantRole";
        public static final String END_REMOVED_BEFORE_ASKED = "End_RemovedBeforeAsked";
        public static final String TASK_SUBMIT_PROGRESS_REPORT = "Task_SubmitProgressReport";
        public static final String TASK_SUBMIT_INVITED_REPORT = "Task_SubmitInvitedReport";
        public static final String BOUNDARY_REPORTING_WINDOW_CLOSED = "Boundary_ReportingWindowClosed";
        public static final String TASK_RECORD_NOT_REPORTED = "Task_RecordNotReported";
        public static final String END_NOT_REPORTED = "End_NotReported";
        public static final String TASK_REVIEW_PROGRESS_REPORT = "Task_ReviewProgressReport";
        public static final String GATEWAY_REVIEW_DECISION = "Gateway_ReviewDecision";
        public static final String TASK_PUBLISH_PROGRESS_REPORT = "Task_PublishProgressReport";
        public static final String END_REPORT_PUBLISHED = "End_ReportPublished";
        public static final String TASK_RETURN_FOR_REVISION = "Task_ReturnForRevision";
        public static final String START_AGENCY_REMOVED = "Start_AgencyRemoved";
        public static final String END_AGENCY_REMOVED = "End_AgencyRemoved";
        public static final String TASK_FINAL_ASSESSMENT = "Task_FinalAssessment";
        public static final String TASK_PUBLISH_FINAL_ASSESSMENT = "Task_PublishFinalAssessment";
        public static final String END_MEASURE_COMPLETED = "End_MeasureCompleted";
        public static final String START_MEASURE_CANCELLED = "Start_MeasureCancelled";
        public static final String END_MEASURE_CANCELLED = "End_MeasureCancelled";

        private Elements() {
        }
    }

    /** Message names. */
    public static final class Messages {
        public static final String AGENCY_REMOVED = "AgencyRemoved";
        public static final String MEASURE_CANCELLED = "MeasureCancelled";

        private Messages() {
        }
    }

    /** Message names of earlier model versions, which instances started on them still subscribe to. */
    public static final class LegacyMessages {
        /**
         * Before model 1.4.0, a boundary event on each submit task that recreated the task; since 1.4.0 an extension
         * moves the open task's dates in place ({@link az.opengov.nap.measure.AgencyScope#moveDeadlines}).
         */
        public static final String DUE_DATE_EXTENDED = "DueDateExtended";

        private LegacyMessages() {
        }
    }

    /** Variable names and what they hold. */
    public static final class Variables {
        /** String: the plan's code. Process scope. */
        public static final String PLAN_CODE = "planCode";
        /** Long: the measure's id in table {@code measure}. Process scope. */
        public static final String MEASURE_ID = "measureId";
        /** Integer: how many reporting cycles the measure has. Process scope. */
        public static final String CYCLE_COUNT = "cycleCount";
        /** Integer, 1-based. Local to a reporting cycle. */
        public static final String CYCLE_NUMBER = "cycleNumber";
        /** Date: when the cycle's reporting period has ended and reports are asked for. Local to a cycle. */
        public static final String CYCLE_OPENS_AT = "cycleOpensAt";
        /** Integer: agencies asked for a report in the cycle. Local to a cycle. */
        public static final String PARTICIPANT_COUNT = "participantCount";
        /** String: the agency asked for a report; also the task's candidate group. Local to an agency report. */
        public static final String AGENCY_CODE = "agencyCode";
        /**
         * String: EXECUTOR or RECOMMENDED; REMOVED for an agency removed by amendment before its report was opened
         * (it is not asked). Local to an agency report, in measures started on a model before 1.5.0 only
         * ({@link MeasureExecution#routesOnRoleVariable}); since then the gateway asks {@link ParticipantRole}.
         */
        public static final String ROLE = "role";
        /** Date: the moment the report is due. A deadline: see {@link #DEADLINES}. */
        public static final String DUE_DATE = "dueDate";
        /** Date: when the reminder fires. A deadline. */
        public static final String REMINDER_AT = "reminderAt";
        /**
         * String: ISO 8601 repeating interval of escalations, from the day after due. A deadline: the escalation
         * timer's input in model versions before 1.3.0 (since then the worklist's escalation point is), still set for
         * the instances started on them.
         */
        public static final String ESCALATION_CYCLE = "escalationCycle";
        /** Date: when an invited body's reporting window closes. A deadline. */
        public static final String WINDOW_CLOSES_AT = "windowClosesAt";
        /**
         * The deadlines, the inputs of an agency report's timers: local to the reporting cycle's scope, shared by its
         * agencies, and local to an agency report whose dates differ (added later, extended, returned).
         */
        public static final List<String> DEADLINES = List.of(DUE_DATE, REMINDER_AT, ESCALATION_CYCLE, WINDOW_CLOSES_AT);
        /** Long: the report version under review. Local to an agency report. */
        public static final String REPORT_ID = "reportId";
        /** String: APPROVED or RETURNED. Local to an agency report. */
        public static final String DECISION = "decision";
        /**
         * Integer, 0-based, set by the engine: the position of a multi-instance activity's instance (a cycle, an
         * agency's report), local to the instance's parent execution. See {@link #MULTI_INSTANCE}.
         */
        public static final String LOOP_COUNTER = "loopCounter";
        /** Integer, set by the engine: how many instances a multi-instance body has started. Local to the body. */
        public static final String INSTANCE_COUNT = "nrOfInstances";
        /**
         * The engine's bookkeeping of the multi-instance cycles and agencies' reports. They have no history: they
         * count, and say nothing the cycle's number and the agency's code (kept, local to the same scopes) do not.
         */
        public static final List<String> MULTI_INSTANCE = List.of(LOOP_COUNTER, INSTANCE_COUNT, "nrOfActiveInstances",
                "nrOfCompletedInstances");

        private Variables() {
        }
    }
}
