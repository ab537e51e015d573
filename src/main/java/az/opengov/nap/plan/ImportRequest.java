package az.opengov.nap.plan;

/**
 * A plan import as asked for: the plan's own data (not in the file), whether unknown organisations may become new
 * agencies, and the file itself. {@code yearShift} defaults to 0 and {@code calendar} to {@link PlanCalendar#DEFAULT}
 * when left out; {@code user} to "system".
 */
public record ImportRequest(String planCode, String title, int firstYear, int lastYear, int yearShift,
                            PlanCalendar calendar, boolean createAgencies, byte[] content, String fileName,
                            String user) {

    public ImportRequest {
        calendar = calendar == null ? PlanCalendar.DEFAULT : calendar;
        content = content == null ? new byte[0] : content;
        user = user == null || user.isBlank() ? "system" : user;
    }

    /** A request with the default year shift and calendar, and no agencies created. */
    public static ImportRequest of(String planCode, String title, int firstYear, int lastYear, String fileName,
                                   byte[] content, String user) {
        return new ImportRequest(planCode, title, firstYear, lastYear, 0, PlanCalendar.DEFAULT, false, content,
                fileName, user);
    }

    public ImportRequest withCreateAgencies(boolean create) {
        return new ImportRequest(planCode, title, firstYear, lastYear, yearShift, calendar, create, content, fileName,
                user);
    }

    @Override
    public String toString() {
        return "ImportRequest[" + planCode + ", " + fileName + ", " + content.length + " bytes]";
    }
}
