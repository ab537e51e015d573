package az.opengov.nap.portal;

import static az.opengov.nap.portal.PortalFixture.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The open data: JSON API, CSV, XLSX and Atom, against the known published and unpublished reports. */
class OpenDataTest extends PortalTestBase {

    @Autowired
    ObjectMapper json;

    @Test
    void publicEvidenceFilesOfPublishedReportsCanBeDownloadedInternalOnesDoNotExist() throws Exception {
        String page = get("/plans/" + PLAN + "/measures/1.1").getBody();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"/open-data/evidence/(\\d+)\"")
                .matcher(page);
        assertThat(link.find()).as("the measure page links the public file").isTrue();
        assertThat(page).contains(PortalFixture.PUBLIC_EVIDENCE).doesNotContainIgnoringCase("daxili.pdf");
        ResponseEntity<byte[]> file = http.getForEntity("/open-data/evidence/" + link.group(1), byte[].class);
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        assertThat(file.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo(PortalFixture.PUBLIC_EVIDENCE);
        assertThat(new String(file.getBody(), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long internal = jdbc.sql("select id from evidence_file where file_name like '%daxili%'").query(Long.class)
                .single();
        ResponseEntity<String> hidden = get("/open-data/evidence/" + internal);
        ResponseEntity<String> unknown = get("/open-data/evidence/999999");
        assertThat(hidden.getStatusCode().value()).isEqualTo(404);
        assertThat(hidden.getBody().replace(Long.toString(internal), "ID"))
                .isEqualTo(unknown.getBody().replace("999999", "ID"));
    }

    @Test
    void theApiListsPlansMeasuresAgenciesAndOnlyPublishedReports() throws Exception {
        JsonNode plans = json.readTree(get("/api/public/plans").getBody());
        assertThat(plans.findValuesAsText("code")).contains(PLAN);

        JsonNode plan = json.readTree(get("/api/public/plans/" + PLAN).getBody());
        assertThat(plan.path("sections")).hasSize(2);
        assertThat(plan.path("completionLevels").path("SUBSTANTIAL").asInt()).isEqualTo(1);
        assertThat(plan.path("completionLevels").path("COMPLETE").asInt()).isEqualTo(1);

        JsonNode measure = json.readTree(get("/api/public/plans/" + PLAN + "/measures/1.1").getBody());
        assertThat(measure.path("publications")).hasSize(1);
        JsonNode report = measure.path("publications").get(0);
        assertThat(report.path("agencyCode").asText()).isEqualTo("MCHT");
        assertThat(report.path("whatWasDone").asText()).isEqualTo(PortalFixture.PUBLISHED_MCHT);
        assertThat(report.path("assessedLevel").asText()).isEqualTo("SUBSTANTIAL");
        assertThat(report.path("evidence").get(0).asText()).isEqualTo("https://e-gov.az/evidence/1");
        assertThat(measure.path("parties").findValuesAsText("role")).contains("EXECUTOR", "RECOMMENDED");

        JsonNode cancelled = json.readTree(get("/api/public/plans/" + PLAN + "/measures/2.2").getBody());
        assertThat(cancelled.path("measure").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("amendments").get(0).path("reason").asText()).isEqualTo(PortalFixture.CANCEL_REASON);
        assertThat(cancelled.path("amendments").get(0).has("actor")).isFalse();

        JsonNode assessed = json.readTree(get("/api/public/plans/" + PLAN + "/measures/2.1").getBody());
        assertThat(assessed.path("finalAssessment").path("summary").asText()).isEqualTo(PortalFixture.ASSESSMENT);
        JsonNode unassessed = json.readTree(get("/api/public/plans/" + PLAN + "/measures/1.2").getBody());
        assertThat(unassessed.has("finalAssessment")).isFalse();

        JsonNode reports = json.readTree(get("/api/public/reports?plan=" + PLAN).getBody());
        assertThat(reports).hasSize(2);
        assertThat(reports.findValuesAsText("agencyCode")).containsExactlyInAnyOrder("MCHT", "FINANCE");

        JsonNode majlis = json.readTree(get("/api/public/agencies/MILLI_MECLIS").getBody());
        List<String> majlisStandings = new ArrayList<>();
        majlis.path("record").forEach(r -> {
            if (PLAN.equals(r.path("planCode").asText())) {
                majlisStandings.add(r.path("standing").asText());
            }
        });
        assertThat(majlisStandings).containsExactly("NOT_REPORTED");
        JsonNode agencies = json.readTree(get("/api/public/agencies").getBody());
        assertThat(agencies.findValuesAsText("code")).contains("MCHT", "EDU", "JUSTICE", "FINANCE", "MILLI_MECLIS");

        String everything = get("/api/public/plans/" + PLAN).getBody() + get("/api/public/reports").getBody()
                + get("/api/public/agencies").getBody() + get("/api/public/agencies/EDU").getBody()
                + get("/api/public/plans/" + PLAN + "/measures/1.1").getBody()
                + get("/api/public/plans/" + PLAN + "/measures/1.2").getBody();
        assertThat(everything).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER).doesNotContain("@");
    }

    @Test
    void anUnpublishedReportAnswersExactlyLikeOneThatDoesNotExist() throws Exception {
        JdbcIds ids = new JdbcIds();
        ResponseEntity<String> published = get("/api/public/reports/" + ids.publishedPublicationId());
        assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);
        // report ids of a returned version, a version under review and a draft, as publication ids
        List<ResponseEntity<String>> hidden = new ArrayList<>();
        List<Long> hiddenIds = ids.unpublishedReportIds();
        assertThat(hiddenIds).hasSizeGreaterThanOrEqualTo(3);
        for (long id : hiddenIds) {
            ResponseEntity<String> h = get("/api/public/reports/" + id);
            // the problem's "instance" echoes the address asked for; everything else must be identical
            hidden.add(new ResponseEntity<>(h.getBody() == null ? null
                    : h.getBody().replace("/api/public/reports/" + id + "\"", "/api/public/reports/ID\""),
                    h.getHeaders(), h.getStatusCode()));
        }
        ResponseEntity<String> asked = get("/api/public/reports/987654321");
        ResponseEntity<String> missing = new ResponseEntity<>(asked.getBody()
                .replace("/api/public/reports/987654321\"", "/api/public/reports/ID\""), asked.getStatusCode());
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        for (ResponseEntity<String> h : hidden) {
            if (h.getStatusCode() == HttpStatus.OK) {
                // an id that happens to be a publication's shows only published text
                assertThat(h.getBody()).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);
            } else {
                assertThat(h.getStatusCode()).isEqualTo(missing.getStatusCode());
                assertThat(h.getBody()).isEqualTo(missing.getBody());
            }
        }
        assertThat(get("/api/public/plans/" + PLAN + "/measures/9.9").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** Ids straight from the database, to ask for what is not public. */
    class JdbcIds {
        final org.springframework.jdbc.core.simple.JdbcClient jdbc =
                context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);

        long publishedPublicationId() {
            return jdbc.sql("select min(p.id) from publication p join measure m on m.id = p.measure_id "
                    + "where m.plan_code = ?").param(PLAN).query(Long.class).single();
        }

        List<Long> unpublishedReportIds() {
            return jdbc.sql("select r.id from progress_report r join measure m on m.id = r.measure_id "
                    + "where m.plan_code = ? and r.status <> 'PUBLISHED'").param(PLAN).query(Long.class).list();
        }
    }

    @Test
    void csvAndXlsxHoldTheSameRowsInUtf8() throws Exception {
        ResponseEntity<byte[]> csv = bytes("/open-data/" + PLAN + "/reports.csv");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo(PLAN + "-reports.csv");
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.stream().map(r -> r.get("what_was_done")))
                .contains(PortalFixture.PUBLISHED_MCHT, PortalFixture.PUBLISHED_FINANCE);
        assertThat(text).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);

        ResponseEntity<byte[]> measures = bytes("/open-data/" + PLAN + "/measures.csv");
        String m = new String(measures.getBody(), StandardCharsets.UTF_8);
        assertThat(m).contains("Şəffaflıq portalının yaradılması", "MCHT;EDU", "MILLI_MECLIS", "CANCELLED");

        ResponseEntity<byte[]> xlsx = bytes("/open-data/" + PLAN + "/reports.xlsx");
        assertThat(xlsx.getHeaders().getContentType().toString()).contains("spreadsheetml");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(3);
            Row header = sheet.getRow(0);
            int done = -1;
            for (int i = 0; i < header.getLastCellNum(); i++) {
                if ("what_was_done".equals(header.getCell(i).getStringCellValue())) {
                    done = i;
                }
            }
            List<String> values = new ArrayList<>();
            for (int r = 1; r <= 2; r++) {
                values.add(sheet.getRow(r).getCell(done).getStringCellValue());
            }
            assertThat(values).contains(PortalFixture.PUBLISHED_MCHT, PortalFixture.PUBLISHED_FINANCE);
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                bytes("/open-data/agencies.xlsx").getBody()))) {
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("code");
        }
        assertThat(new String(bytes("/open-data/agencies.csv").getBody(), StandardCharsets.UTF_8))
                .contains("MILLI_MECLIS").doesNotContain("demo.opengov.example");
        assertThat(get("/open-data/" + PLAN + "/reports.pdf").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void atomFeedsForThePlanAMeasureAndAnAgency() throws Exception {
        ResponseEntity<String> feed = get("/feeds/" + PLAN);
        assertThat(feed.getHeaders().getContentType().toString()).startsWith("application/atom+xml");
        Document doc = parse(feed.getBody());
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        NodeList entries = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        // two published reports and one published final assessment
        assertThat(entries.getLength()).isEqualTo(3);
        assertThat(feed.getBody()).contains("&lt;script&gt;").doesNotContain("<script>")
                .doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);
        String summaries = root.getTextContent();
        assertThat(summaries).contains(PortalFixture.PUBLISHED_MCHT, PortalFixture.PUBLISHED_FINANCE,
                PortalFixture.ASSESSMENT);

        Document measure = parse(get("/feeds/" + PLAN + "/measures/1.1?lang=en").getBody());
        assertThat(measure.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isEqualTo(1);
        assertThat(measure.getDocumentElement().getAttribute("xml:lang")).isEqualTo("en");
        Document agency = parse(get("/feeds/agencies/FINANCE").getBody());
        assertThat(agency.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isEqualTo(1);
        assertThat(get("/feeds/agencies/NO_SUCH").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void everyRepresentationAnswersConditionalGetsWith304() {
        for (String path : List.of("/api/public/plans/" + PLAN + "/measures/1.1", "/api/public/reports",
                "/open-data/" + PLAN + "/measures.csv", "/open-data/" + PLAN + "/reports.xlsx", "/feeds/" + PLAN,
                "/feeds/" + PLAN + "/measures/1.1", "/feeds/agencies/MCHT", "/reports/" + PLAN + "/2026.pdf")) {
            ResponseEntity<byte[]> first = bytes(path);
            assertThat(first.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            String etag = first.getHeaders().getETag();
            long modified = first.getHeaders().getLastModified();
            assertThat(etag).as(path).isNotBlank();
            assertThat(modified).as(path).isPositive();
            assertThat(get(path, HttpHeaders.IF_NONE_MATCH, etag).getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.NOT_MODIFIED);
            assertThat(get(path, HttpHeaders.IF_MODIFIED_SINCE,
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            java.time.Instant.ofEpochMilli(modified).atZone(java.time.ZoneOffset.UTC)))
                    .getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.NOT_MODIFIED);
            assertThat(get(path, HttpHeaders.IF_NONE_MATCH, "\"stale\"").getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void publishedReportsComeAPageAtATimeWithTheTotalAndLinks() throws Exception {
        ResponseEntity<String> first = get("/api/public/reports?plan=" + PLAN + "&size=1");
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
        assertThat(json.readTree(first.getBody())).hasSize(1);
        assertThat(first.getHeaders().getFirst(HttpHeaders.LINK)).contains("page=1", "rel=\"next\"")
                .doesNotContain("rel=\"prev\"");

        ResponseEntity<String> second = get("/api/public/reports?plan=" + PLAN + "&size=1&page=1");
        assertThat(json.readTree(second.getBody())).hasSize(1);
        assertThat(json.readTree(second.getBody()).get(0).path("id"))
                .isNotEqualTo(json.readTree(first.getBody()).get(0).path("id"));
        assertThat(second.getHeaders().getFirst(HttpHeaders.LINK)).contains("page=0", "rel=\"prev\"")
                .doesNotContain("rel=\"next\"");

        assertThat(json.readTree(get("/api/public/reports?plan=" + PLAN + "&page=5").getBody())).isEmpty();
    }

    @Test
    void aPageOfReportsIsSerializedOncePerPublishedVersionAndAddress() throws Exception {
        // addresses no other test asks for (the application, and so the kept pages, are shared)
        String reader = "&utm_content=" + java.util.UUID.randomUUID();
        String path = "/api/public/reports?plan=" + PLAN + "&size=1&page=1" + reader;
        double misses = pageCache("miss");
        ResponseEntity<String> first = get(path);
        assertThat(pageCache("miss")).isEqualTo(misses + 1);
        double hits = pageCache("hit");
        ResponseEntity<String> again = get(path);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(json.readTree(again.getBody())).hasSize(1);
        assertThat(again.getHeaders().getContentType()).hasToString("application/json");
        assertThat(again.getHeaders().getETag()).isEqualTo(first.getHeaders().getETag()).isNotBlank();
        assertThat(again.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
        assertThat(again.getHeaders().getFirst(HttpHeaders.LINK)).contains("rel=\"prev\"");
        assertThat(pageCache("hit")).isEqualTo(hits + 1);
        // another page, another size, another address: each written on its own
        assertThat(json.readTree(get("/api/public/reports?plan=" + PLAN + "&size=1" + reader).getBody()).get(0)
                .path("id")).isNotEqualTo(json.readTree(first.getBody()).get(0).path("id"));
        assertThat(json.readTree(get(path + "&utm_source=x").getBody())).hasSize(1);
        assertThat(pageCache("miss")).isEqualTo(misses + 3);
        // a reader whose copy is current gets a 304, and nothing is written for it
        assertThat(get(path, HttpHeaders.IF_NONE_MATCH, first.getHeaders().getETag()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(pageCache("hit")).isEqualTo(hits + 1);
    }

    private double pageCache(String result) {
        return context.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("cache.gets")
                .tag("cache", "api.pages").tag("result", result).functionCounter().count();
    }

    @Test
    void aMeasuresReportsAreThePlansReportsOfThatMeasureInTheSameOrder() throws Exception {
        JsonNode all = json.readTree(get("/api/public/reports?plan=" + PLAN + "&size=500").getBody());
        java.util.Map<String, List<Long>> byMeasure = new java.util.LinkedHashMap<>();
        all.forEach(r -> byMeasure.computeIfAbsent(r.path("measureCode").asText(), k -> new ArrayList<>())
                .add(r.path("id").asLong()));
        assertThat(byMeasure).isNotEmpty();
        for (var measure : byMeasure.entrySet()) {
            ResponseEntity<String> one = get("/api/public/reports?plan=" + PLAN + "&measure=" + measure.getKey());
            List<Long> ids = new ArrayList<>();
            json.readTree(one.getBody()).forEach(r -> ids.add(r.path("id").asLong()));
            assertThat(ids).as(measure.getKey()).isEqualTo(measure.getValue());
            assertThat(one.getHeaders().getFirst("X-Total-Count")).isEqualTo("" + measure.getValue().size());
        }
        JsonNode everyPlan = json.readTree(get("/api/public/reports?size=500").getBody());
        for (String measure : byMeasure.keySet()) {
            List<Long> expected = new ArrayList<>();
            everyPlan.forEach(r -> {
                if (r.path("measureCode").asText().equals(measure)) {
                    expected.add(r.path("id").asLong());
                }
            });
            List<Long> ids = new ArrayList<>();
            json.readTree(get("/api/public/reports?size=500&measure=" + measure).getBody())
                    .forEach(r -> ids.add(r.path("id").asLong()));
            assertThat(ids).as("measure %s of any plan", measure).isEqualTo(expected)
                    .containsAll(byMeasure.get(measure));
        }
        ResponseEntity<String> none = get("/api/public/reports?plan=" + PLAN + "&measure=99.99");
        assertThat(json.readTree(none.getBody())).isEmpty();
        assertThat(none.getHeaders().getFirst("X-Total-Count")).isEqualTo("0");
        assertThat(json.readTree(get("/api/public/reports?plan=NO-SUCH-PLAN&measure=1.1").getBody())).isEmpty();
    }

    @Test
    void pagingOutOfRangeIsA400InTheReadersLanguageNamingTheParameter() throws Exception {
        ResponseEntity<String> az = get("/api/public/reports?size=0&page=x");
        assertThat(az.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode problem = json.readTree(az.getBody());
        assertThat(problem.toString()).contains("Səhifə parametrləri düzgün deyil", "size", "page");
        ResponseEntity<String> en = get("/api/public/reports?size=501", HttpHeaders.ACCEPT_LANGUAGE, "en");
        assertThat(en.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(en.getBody()).contains("is not a whole number from 1 to 500");
    }

    @Test
    void theApiIsDocumentedInOpenApi() throws Exception {
        JsonNode api = json.readTree(get("/api/openapi").getBody());
        assertThat(api.path("paths").has("/api/public/plans/{planCode}/measures/{code}")).isTrue();
        assertThat(api.path("paths").has("/api/public/reports/{id}")).isTrue();
        assertThat(api.path("paths").has("/api/public/agencies/{code}")).isTrue();
        assertThat(api.path("paths").path("/api/public/reports").path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema").path("items").path("$ref").asText())
                .endsWith("/PublishedReport");
        assertThat(api.path("info").path("title").asText()).isEqualTo("NAP workflow API");
        assertThat(api.path("info").path("version").asText()).isEqualTo("1");
        // the open data is open; an agency's tasks ask for HTTP Basic, as the security configuration does
        assertThat(api.path("components").path("securitySchemes").path("basic").path("scheme").asText())
                .isEqualTo("basic");
        assertThat(api.path("paths").path("/api/public/reports").path("get").has("security")).isFalse();
        assertThat(api.path("paths").path("/api/tasks").path("get").path("security").toString())
                .isEqualTo("[{\"basic\":[]}]");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
