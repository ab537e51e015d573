package az.opengov.nap.portal;

import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published.AgencyView;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.ReportView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Atom 1.0 (RFC 4287) feeds of publications, written by hand with the JDK's StAX writer, which escapes every text and
 * attribute: one entry per published report and per published final assessment, newest first.
 */
public final class AtomFeed {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final int MAX_ENTRIES = 200;

    private AtomFeed() {
    }

    /** An entry: a published report or a published final assessment. */
    public record Entry(String id, String title, String link, Instant updated, String author, String summary) {
    }

    public static List<Entry> entries(Snapshot snapshot, List<ReportView> reports, List<MeasureView> assessed,
                                      String baseUrl, String lang,
                                      java.util.function.BiFunction<String, Object[], String> text) {
        List<Entry> entries = new ArrayList<>();
        for (ReportView r : reports) {
            AgencyView a = snapshot.agency(r.agencyCode());
            String agency = a == null ? r.agencyCode() : a.name(lang);
            String link = baseUrl + "/plans/" + r.planCode() + "/measures/" + r.measureCode() + "#report-" + r.id();
            String summary = text.apply("portal.level." + r.level(), new Object[0]) + ". " + nz(r.whatWasDone())
                    + (r.indicatorValues() == null ? "" : "\n\n" + r.indicatorValues());
            entries.add(new Entry(link, r.measureCode() + " · " + agency + ": "
                    + PortalFormatHolder.excerpt(r.measureTitle(), 140), link, r.publishedAt(), agency, summary));
        }
        for (MeasureView m : assessed) {
            if (m.assessment() == null) {
                continue;
            }
            String link = baseUrl + "/plans/" + m.planCode() + "/measures/" + m.code() + "#assessment";
            entries.add(new Entry(link, m.code() + " · " + text.apply("portal.measure.assessment", new Object[0])
                    + ": " + text.apply("portal.level." + m.assessment().completionLevel(), new Object[0]), link,
                    m.assessment().publishedAt(), text.apply("portal.commission", new Object[0]),
                    m.assessment().summary()));
        }
        entries.sort(Comparator.comparing(Entry::updated).reversed());
        return entries.size() > MAX_ENTRIES ? entries.subList(0, MAX_ENTRIES) : entries;
    }

    public static byte[] write(String feedId, String title, String selfUrl, String alternateUrl, Instant updated,
                               String lang, List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            x.writeAttribute("xml:lang", lang);
            element(x, "id", feedId);
            element(x, "title", title);
            element(x, "updated", time(entries.isEmpty() ? updated : entries.get(0).updated()));
            link(x, "self", selfUrl, "application/atom+xml");
            link(x, "alternate", alternateUrl, "text/html");
            element(x, "generator", "NAP workflow");
            for (Entry e : entries) {
                x.writeStartElement("entry");
                element(x, "id", e.id());
                element(x, "title", e.title());
                element(x, "updated", time(e.updated()));
                element(x, "published", time(e.updated()));
                link(x, "alternate", e.link(), "text/html");
                x.writeStartElement("author");
                element(x, "name", e.author());
                x.writeEndElement();
                x.writeStartElement("summary");
                x.writeAttribute("type", "text");
                x.writeCharacters(scrub(e.summary()));
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(scrub(text));
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", href);
    }

    private static String time(Instant instant) {
        return (instant == null ? Instant.EPOCH : instant).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** XML 1.0 cannot carry control characters other than tab and line breaks, even escaped. */
    static String scrub(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Excerpts without a bean (the feed is built outside templates). */
    static final class PortalFormatHolder {
        private static final PortalFormat FORMAT = new PortalFormat();

        static String excerpt(String text, int max) {
            return FORMAT.excerpt(text, max);
        }
    }
}
