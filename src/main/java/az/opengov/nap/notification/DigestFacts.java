package az.opengov.nap.notification;

import az.opengov.nap.agency.Agency;
import java.time.LocalDate;
import java.util.List;

/** What a weekly digest says: its ISO week, for whom, and its lines grouped (by agency for administrators). */
record DigestFacts(MailKind kind, String week, Agency agency, int open, int overdue, List<Group> groups,
                   String link) {

    /** Lines under a heading; {@code agency} null for the one group of an agency's or the commission's digest. */
    record Group(Agency agency, List<Line> lines) {

        public String title(String language) {
            return agency == null ? null : agency.name(language);
        }
    }

    /** One task: its measure, agency, kind (a {@code WorkKind} name), due date, days overdue and link. */
    record Line(String measureCode, Agency agency, String workKind, LocalDate dueDate, int daysOverdue,
                boolean returned, String link) {

        public String agencyName(String language) {
            return agency == null ? "" : agency.name(language);
        }
    }
}
