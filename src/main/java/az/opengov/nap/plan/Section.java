package az.opengov.nap.plan;

public record Section(String planCode, int number, String title) {
}
