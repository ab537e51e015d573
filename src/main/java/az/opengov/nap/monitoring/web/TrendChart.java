package az.opengov.nap.monitoring.web;

import az.opengov.nap.monitoring.AgencyReport;
import az.opengov.nap.shared.Messages;
import java.util.ArrayList;
import java.util.List;

/**
 * An agency's on-time rate across cycles as the geometry of a server-drawn SVG bar chart (no script): one bar per
 * cycle, its height the share of reports on time, a grey mark for a cycle with nothing due yet.
 */
record TrendChart(int width, int height, int plotTop, int plotBottom, List<Bar> bars, List<Line> grid,
                  String description) {

    static final int HEIGHT = 220;
    static final int TOP = 16;
    static final int BOTTOM = 180;
    static final int LEFT = 44;
    static final int STEP = 64;
    static final int BAR = 36;

    /** One bar: where it is, its label under it and its value above it. */
    record Bar(int x, int y, int width, int height, int labelX, String label, String value, boolean empty,
               String title) {
    }

    /** A horizontal grid line at a percentage. */
    record Line(int y, String label) {
    }

    static TrendChart of(AgencyReport report, Messages messages) {
        List<Bar> bars = new ArrayList<>();
        int plot = BOTTOM - TOP;
        int i = 0;
        StringBuilder description = new StringBuilder();
        for (AgencyReport.Cycle c : report.cycles()) {
            int x = LEFT + 12 + i * STEP;
            Double rate = c.onTimeRate();
            int h = rate == null ? 2 : Math.max(2, (int) Math.round(rate * plot));
            String value = rate == null ? "–" : Math.round(rate * 100) + "%";
            String label = c.planCode() + " · " + c.number();
            String title = messages.text("monitoring.agency.chart.bar", label, value, c.onTime(), c.due());
            bars.add(new Bar(x, BOTTOM - h, BAR, h, x + BAR / 2, label, value, rate == null, title));
            description.append(title).append(". ");
            i++;
        }
        List<Line> grid = List.of(new Line(BOTTOM, "0%"), new Line(TOP + plot / 2, "50%"), new Line(TOP, "100%"));
        return new TrendChart(Math.max(320, LEFT + 24 + i * STEP), HEIGHT, TOP, BOTTOM, bars, grid,
                description.toString().trim());
    }
}
