package az.opengov.nap.plan;

public enum MeasureStatus {
    RUNNING,
    COMPLETED,
    CANCELLED
}
