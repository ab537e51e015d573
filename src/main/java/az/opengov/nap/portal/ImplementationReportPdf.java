package az.opengov.nap.portal;

import az.opengov.nap.portal.ImplementationReport.Line;
import az.opengov.nap.portal.ImplementationReport.Part;
import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published.AgencyView;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.portal.Published.Standing;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.Messages;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The implementation report as a PDF (OpenPDF), with DejaVu Sans embedded as Identity-H so that ə ğ ı İ ö ü ş ç and
 * Cyrillic render in any reader. Charts are drawn as tables of coloured cells.
 */
@Component
public class ImplementationReportPdf {

    static final Color INK = new Color(0x1b, 0x2a, 0x41);
    static final Color MUTED = new Color(0x5a, 0x67, 0x78);
    static final Color RULE = new Color(0xd5, 0xdb, 0xe3);
    static final Map<String, Color> LEVEL_COLOURS = Map.of(
            "COMPLETE", new Color(0x1e, 0x7b, 0x4f), "SUBSTANTIAL", new Color(0x4f, 0xa8, 0x6b),
            "LIMITED", new Color(0xe0, 0xa4, 0x2b), "NOT_STARTED", new Color(0xc2, 0x4b, 0x3a),
            "NO_EVIDENCE", new Color(0x7d, 0x5b, 0xa6), Published.NOT_REPORTED, new Color(0xb8, 0xc0, 0xcc));

    private final Messages messages;
    private final PortalFormat format;
    private final BaseFont regular;
    private final BaseFont bold;

    ImplementationReportPdf(Messages messages, PortalFormat format) {
        this.messages = messages;
        this.format = format;
        this.regular = font("fonts/DejaVuSans.ttf");
        this.bold = font("fonts/DejaVuSans-Bold.ttf");
    }

    private static BaseFont font(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            byte[] ttf = in.readAllBytes();
            return BaseFont.createFont(path.substring(path.lastIndexOf('/') + 1), BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED, true, ttf, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the embedded font " + path, e);
        }
    }

    public byte[] write(Snapshot snapshot, ImplementationReport report, Locale locale, String pageUrl) {
        String lang = locale.getLanguage();
        Font title = new Font(bold, 17, Font.NORMAL, INK);
        Font h2 = new Font(bold, 12.5f, Font.NORMAL, INK);
        Font h3 = new Font(bold, 10, Font.NORMAL, INK);
        Font body = new Font(regular, 9, Font.NORMAL, INK);
        Font small = new Font(regular, 8, Font.NORMAL, MUTED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 52, 52);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle(t(locale, "portal.report.title", report.plan().title(), report.year()));
            doc.addCreator("NAP workflow");
            doc.open();

            Paragraph kicker = new Paragraph(t(locale, "portal.report.kicker"), small);
            doc.add(kicker);
            Paragraph head = new Paragraph(t(locale, "portal.report.heading", report.year()), title);
            head.setSpacingAfter(4);
            doc.add(head);
            doc.add(new Paragraph(report.plan().title(), h3));
            Paragraph meta = new Paragraph(t(locale, "portal.report.generated", format.date(Clock.now()), pageUrl),
                    small);
            meta.setSpacingAfter(12);
            doc.add(meta);

            doc.add(heading(t(locale, "portal.report.statistics"), h2));
            PdfPTable stats = new PdfPTable(new float[] {3, 1});
            stats.setWidthPercentage(70);
            stats.setHorizontalAlignment(Element.ALIGN_LEFT);
            statRow(stats, t(locale, "portal.report.stat.measures"), report.measures(), body);
            report.statuses().forEach((k, v) -> statRow(stats, t(locale, "portal.status." + k), v, body));
            statRow(stats, t(locale, "portal.report.stat.reports"), report.reportsPublished(), body);
            for (Map.Entry<Standing, Long> e : report.executorRecord().entrySet()) {
                statRow(stats, t(locale, "portal.report.stat.executors." + e.getKey()), e.getValue(), body);
            }
            statRow(stats, t(locale, "portal.report.stat.invited"),
                    report.invitedReported() + " / " + report.invitedAsked(), body);
            doc.add(stats);

            doc.add(heading(t(locale, "portal.report.levels"), h2));
            doc.add(levelChart(report.levels(), report.measures(), locale, body));

            for (Part part : report.sections()) {
                doc.add(heading(part.section().number() + ". " + part.section().title(), h2));
                doc.add(levelChart(part.levels(), part.lines().size(), locale, small));
                for (Line line : part.lines()) {
                    var m = line.measure();
                    Paragraph mh = new Paragraph(m.code() + "  " + m.title(), h3);
                    mh.setSpacingBefore(8);
                    doc.add(mh);
                    doc.add(new Paragraph(t(locale, "portal.report.measureLine",
                            t(locale, "portal.status." + m.status()), t(locale, "portal.level." + m.level()),
                            m.period()), small));
                    if (m.assessment() != null) {
                        doc.add(new Paragraph(t(locale, "portal.measure.assessment") + ": "
                                + t(locale, "portal.level." + m.assessment().completionLevel()) + " — "
                                + m.assessment().summary(), body));
                    }
                    if (line.reports().isEmpty()) {
                        doc.add(new Paragraph(t(locale, "portal.report.noReports"), small));
                    }
                    for (ReportView r : line.reports()) {
                        AgencyView a = snapshot.agency(r.agencyCode());
                        Paragraph p = new Paragraph();
                        p.setFont(body);
                        p.setIndentationLeft(10);
                        p.add(new Chunk((a == null ? r.agencyCode() : a.name(lang)) + " · "
                                + format.date(r.periodStart()) + "–" + format.date(r.periodEnd()) + " · "
                                + t(locale, "portal.level." + r.level()) + ": ",
                                new Font(bold, 8.5f, Font.NORMAL, INK)));
                        p.add(new Chunk(format.excerpt(r.whatWasDone(), 600), body));
                        p.setSpacingBefore(3);
                        doc.add(p);
                    }
                }
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the implementation report", e);
        }
        return out.toByteArray();
    }

    private Paragraph heading(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingBefore(14);
        p.setSpacingAfter(6);
        return p;
    }

    private static void statRow(PdfPTable table, String label, Object value, Font font) {
        PdfPCell l = new PdfPCell(new Phrase(label, font));
        PdfPCell v = new PdfPCell(new Phrase(String.valueOf(value), font));
        for (PdfPCell c : new PdfPCell[] {l, v}) {
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(RULE);
            c.setPadding(4);
        }
        v.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.addCell(l);
        table.addCell(v);
    }

    /** One bar per level: label, a bar as long as its share, the count. */
    private PdfPTable levelChart(Map<String, Long> levels, long total, Locale locale, Font font) {
        PdfPTable chart = new PdfPTable(new float[] {3, 6, 1});
        chart.setWidthPercentage(100);
        for (Map.Entry<String, Long> e : levels.entrySet()) {
            PdfPCell label = new PdfPCell(new Phrase(t(locale, "portal.level." + e.getKey()), font));
            label.setBorder(Rectangle.NO_BORDER);
            label.setPadding(2);
            chart.addCell(label);
            float share = total == 0 ? 0 : (float) e.getValue() / total;
            PdfPCell barCell;
            if (share <= 0) {
                barCell = new PdfPCell(new Phrase(" ", font));
            } else {
                PdfPTable bar = new PdfPTable(share >= 1 ? new float[] {1} : new float[] {share, 1 - share});
                bar.setWidthPercentage(100);
                PdfPCell filled = new PdfPCell(new Phrase(" ", font));
                filled.setBackgroundColor(LEVEL_COLOURS.getOrDefault(e.getKey(), MUTED));
                filled.setBorder(Rectangle.NO_BORDER);
                bar.addCell(filled);
                if (share < 1) {
                    PdfPCell rest = new PdfPCell(new Phrase(" ", font));
                    rest.setBorder(Rectangle.NO_BORDER);
                    bar.addCell(rest);
                }
                barCell = new PdfPCell(bar);
            }
            barCell.setBorder(Rectangle.NO_BORDER);
            barCell.setPadding(2);
            chart.addCell(barCell);
            PdfPCell count = new PdfPCell(new Phrase(String.valueOf(e.getValue()), font));
            count.setBorder(Rectangle.NO_BORDER);
            count.setHorizontalAlignment(Element.ALIGN_RIGHT);
            count.setPadding(2);
            chart.addCell(count);
        }
        return chart;
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.text(locale, key, args);
    }
}
