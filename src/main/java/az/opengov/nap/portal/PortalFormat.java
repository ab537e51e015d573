package az.opengov.nap.portal;

import az.opengov.nap.shared.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Dates as people in Azerbaijan write them, in Baku time; used by the portal's templates as {@code @portalFormat}. */
@Component("portalFormat")
public class PortalFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    public String date(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(Clock.BAKU));
    }

    public String date(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** A share of a whole in per cent, for charts (0 when the whole is empty). */
    public double percent(Number part, Number whole) {
        if (whole == null || whole.doubleValue() == 0 || part == null) {
            return 0;
        }
        return Math.round(part.doubleValue() * 1000.0 / whole.doubleValue()) / 10.0;
    }

    /** A piece of a 100-wide stacked bar. */
    public record Segment(String level, long count, double x, double width) {
    }

    /** The stacked bar of a distribution of levels: each non-empty level, its offset and width out of 100. */
    public java.util.List<Segment> segments(java.util.Map<String, Long> levels) {
        long total = levels.values().stream().mapToLong(Long::longValue).sum();
        java.util.List<Segment> segments = new java.util.ArrayList<>();
        double x = 0;
        for (var e : levels.entrySet()) {
            if (e.getValue() == 0 || total == 0) {
                continue;
            }
            double w = e.getValue() * 100.0 / total;
            segments.add(new Segment(e.getKey(), e.getValue(), Math.round(x * 100) / 100.0,
                    Math.round(w * 100) / 100.0));
            x += w;
        }
        return segments;
    }

    public long total(java.util.Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The first {@code max} characters of a text on one line, for summaries and previews. */
    public String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1).strip() + "…";
    }
}
