package az.opengov.nap.portal;

import static az.opengov.nap.portal.PortalFixture.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** The public pages, as a reader's browser gets them: what was published, and nothing else. */
class PortalPagesTest extends PortalTestBase {

    @Test
    void planOverviewShowsSectionsMeasuresChartsAndTheLatestPublications() {
        ResponseEntity<String> page = get("/plans/" + PLAN);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        String html = page.getBody();
        assertThat(html).contains("Elektron xidmətlərin təkmilləşdirilməsi", "İctimai iştirak",
                "Şəffaflıq portalının yaradılması", "Büdcə üzrə ictimai müzakirələrin keçirilməsi");
        // the completion chart is inline SVG with one segment per level present
        assertThat(html).contains("class=\"level-bar\"", "class=\"fill-SUBSTANTIAL\"", "class=\"fill-COMPLETE\"");
        // the latest publications link to the reports
        assertThat(html).containsPattern("/plans/PORTAL-T/measures/1\\.1#report-\\d+");
        assertThat(html).contains("/reports/PORTAL-T/2026", "/feeds/PORTAL-T");
        // the home page is the newest plan's overview (other tests' plans may share this application)
        assertThat(get("/").getBody()).contains("Bölmələr və tədbirlər", "class=\"level-bar\"");
        assertThat(html).doesNotContain("style=\"", "<script>alert");
    }

    @Test
    void measurePageShowsWhatWasPublishedWithAmendmentsAndNeverWhatWasNot() {
        String html = get("/plans/" + PLAN + "/measures/1.1").getBody();
        assertThat(html).contains("Şəffaflıq portalı istifadəyə verildi", "12 elektron xidmət, 340 istifadəçi",
                "Maliyyələşmə gecikdi", "href=\"https://e-gov.az/evidence/1\"",
                "Rabitə və Yüksək Texnologiyalar Nazirliyi", "Təhsil Nazirliyi", "Milli Məclis", "Tövsiyə edilir",
                "Əsasən icra olunub");
        assertThat(html).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);

        String justice = get("/plans/" + PLAN + "/measures/1.2").getBody();
        assertThat(justice).contains("Hesabat müddəti uzadılıb", PortalFixture.EXTENSION_REASON, "2026-07-15",
                "2026-08-31", "Hələ dərc olunmuş hesabat yoxdur");
        // the administrator is not named; the unpublished final assessment is not there
        assertThat(justice).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER)
                .doesNotContain("Yekun qiymətləndirmə");

        String finance = get("/plans/" + PLAN + "/measures/2.1").getBody();
        assertThat(finance).contains("Yekun qiymətləndirmə", PortalFixture.ASSESSMENT, "Tam icra olunub");
        // what a person typed is shown as text, never as markup
        assertThat(finance).contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;", "&lt;b&gt;qalın&lt;/b&gt;",
                "&lt;img src=x onerror=alert(1)&gt;");
        assertThat(finance).doesNotContain("<script>alert", "<b>qalın</b>", "<img src=x");

        assertThat(get("/plans/" + PLAN + "/measures/2.2").getBody())
                .contains("Ləğv edilib", PortalFixture.CANCEL_REASON);
    }

    @Test
    void aMeasurePageNumberThatIsNotANumberIsRefusedInTheReadersLanguage() {
        ResponseEntity<String> page = get("/plans/" + PLAN + "/measures/1.1?page=abc&lang=en");
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody()).contains("is not a whole number");
        // a page past the end shows the last one; one page needs no pager
        String last = get("/plans/" + PLAN + "/measures/1.1?page=7").getBody();
        assertThat(last).contains("Şəffaflıq portalı istifadəyə verildi").doesNotContain("class=\"pagination");
    }

    @Test
    void aMeasureWithManyReportsShowsThemFiftyAPageWithAPager() {
        org.springframework.jdbc.core.simple.JdbcClient jdbc =
                context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long measure = jdbc.sql("select id from measure where plan_code = ? and code = '1.1'").param(PLAN)
                .query(Long.class).single();
        java.sql.Timestamp at = java.sql.Timestamp.from(PortalFixture.NOW.minusSeconds(3600));
        try {
            // MCHT's published report on 1.1 and 55 more published versions of it: 56 in all
            for (int i = 0; i < 55; i++) {
                jdbc.sql("""
                        insert into progress_report (measure_id, cycle_number, agency_code, version, status,
                          completion_level, what_was_done, created_by, created_at, updated_at, submitted_at)
                        values (?, 1, 'MCHT', ?, 'PUBLISHED', 'SUBSTANTIAL', ?, 'paging-test', ?, ?, ?)""")
                        .params(measure, 100 + i, "Səhifələnən hesabat " + i, at, at, at).update();
                jdbc.sql("""
                        insert into publication (report_id, measure_id, cycle_number, agency_code, published_at)
                        select id, measure_id, 1, 'MCHT', ? from progress_report where measure_id = ? and version = ?
                        and agency_code = 'MCHT' and cycle_number = 1""").params(at, measure, 100 + i).update();
            }
            String first = get("/plans/" + PLAN + "/measures/1.1").getBody();
            assertThat(first).contains("1–50, cəmi 56 hesabat", "class=\"pagination", "rel=\"next\"")
                    .doesNotContain("rel=\"prev\"");
            assertThat(first.split("class=\"report-card\"", -1)).hasSize(51);
            String second = get("/plans/" + PLAN + "/measures/1.1?page=1&lang=en").getBody();
            assertThat(second).contains("51–56 of 56 reports", "rel=\"prev\"").doesNotContain("rel=\"next\"");
            assertThat(second.split("class=\"report-card\"", -1)).hasSize(7);
        } finally {
            jdbc.sql("delete from publication where report_id in (select id from progress_report where"
                    + " created_by = 'paging-test')").update();
            jdbc.sql("delete from progress_report where created_by = 'paging-test'").update();
        }
    }

    @Test
    void agencyPageShowsItsRecordWithInvitedBodiesNeverLate() {
        String mcht = get("/agencies/MCHT").getBody();
        assertThat(mcht).contains("Rabitə və Yüksək Texnologiyalar Nazirliyi", "Şəffaflıq portalı istifadəyə verildi",
                "standing-ON_TIME");
        String edu = get("/agencies/EDU").getBody();
        assertThat(edu).contains("standing-OVERDUE").doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);
        String majlis = get("/agencies/MILLI_MECLIS").getBody();
        assertThat(majlis).contains("standing-NOT_REPORTED", "Dəvət olunub, hesabat verməyib")
                .doesNotContain("standing-LATE", "standing-OVERDUE");
        assertThat(get("/agencies").getBody())
                .contains("/agencies/MCHT", "/agencies/FINANCE", "/agencies/MILLI_MECLIS");
        // no e-mail address of the registry reaches a page
        assertThat(mcht + edu + majlis).doesNotContain("demo.opengov.example").doesNotContain("mailto:");
    }

    @Test
    void searchIsCaseInsensitiveAndAzerbaijaniAware() {
        // "seffafliq" finds "Şəffaflıq" (measure title and the published report)
        String html = get("/search?q=SEFFAFLIQ portali").getBody();
        assertThat(html).contains("/plans/PORTAL-T/measures/1.1\"", "#report-");
        assertThat(get("/search?q=edliyye").getBody()).contains("Ədliyyə xidmətlərinin elektronlaşdırılması");
        assertThat(get("/search?q=iNFORMASİYA").getBody()).contains("İnformasiya əlçatandır");
        // unpublished text is not searchable
        assertThat(get("/search?q=" + PortalFixture.SECRET).getBody()).contains("0 nəticə");
        assertThat(get("/search?q=%3Cscript%3E").getBody()).doesNotContain("<script>alert");
    }

    @Test
    void pagesInThreeLanguagesWithPreviewTags() {
        String en = get("/plans/" + PLAN + "/measures/1.1?lang=en").getBody();
        assertThat(en).contains("<html lang=\"en\"", "Published reports",
                "Ministry of Communications and High Technologies", "Substantial");
        String ru = get("/plans/" + PLAN + "/measures/1.1?lang=ru").getBody();
        assertThat(ru).contains("<html lang=\"ru\"", "Опубликованные отчёты", "Министерство связи");
        String az = get("/plans/" + PLAN + "/measures/1.1").getBody();
        assertThat(az).contains("<html lang=\"az\"",
                "property=\"og:title\" content=\"1.1 · Şəffaflıq portalının yaradılması\"",
                "property=\"og:description\"", "property=\"og:url\" content=\"http://localhost:",
                "/plans/PORTAL-T/measures/1.1\"", "name=\"twitter:card\" content=\"summary\"",
                "rel=\"canonical\"", "hreflang=\"en\"");
        // a changed language is kept in a cookie
        ResponseEntity<String> switched = get("/agencies?lang=en");
        assertThat(switched.getHeaders().get(HttpHeaders.SET_COOKIE)).anyMatch(c -> c.startsWith("nap-lang=en"));
    }

    @Test
    void unknownAndUnpublishedAnswerTheSameNotFoundPage() {
        ResponseEntity<String> measure = get("/plans/" + PLAN + "/measures/9.9");
        ResponseEntity<String> plan = get("/plans/NO-SUCH-PLAN");
        ResponseEntity<String> agency = get("/agencies/NO_SUCH");
        for (ResponseEntity<String> r : java.util.List.of(measure, plan, agency)) {
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(r.getBody()).contains("Tapılmadı").doesNotContain("Exception", "at az.opengov");
        }
        assertThat(measure.getBody()).isEqualTo(plan.getBody());
        assertThat(get("/reports/" + PLAN + "/2030").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void pagesAnswerConditionalGetsWith304AndCarryTheContentSecurityPolicy() {
        ResponseEntity<String> first = get("/plans/" + PLAN);
        String etag = first.getHeaders().getETag();
        assertThat(etag).isNotBlank();
        assertThat(first.getHeaders().getLastModified()).isPositive();
        assertThat(first.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(get("/plans/" + PLAN, HttpHeaders.IF_NONE_MATCH, etag).getStatusCode())
                .isEqualTo(HttpStatus.NOT_MODIFIED);
        // another language is another representation
        assertThat(get("/plans/" + PLAN + "?lang=en", HttpHeaders.IF_NONE_MATCH, etag).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(first.getBody()).doesNotContain("<script>", "onclick=", "style=\"");
    }

    @Test
    void linksToStaticFilesAreVersionedAndEveryOtherLinkIsLeftAsWritten() {
        String html = get("/plans/" + PLAN + "/measures/1.1").getBody();
        assertThat(html).containsPattern("href=\"/webjars/bootstrap/\\d+\\.\\d+\\.\\d+/css/bootstrap\\.min\\.css\"")
                .contains("href=\"/css/portal.css\"", "src=\"/js/portal.js\"", "href=\"/agencies/",
                        "href=\"/plans/" + PLAN + "\"");
        Matcher versioned = Pattern
                .compile("/webjars/bootstrap/[\\d.]+/css/bootstrap\\.min\\.css").matcher(html);
        assertThat(versioned.find()).isTrue();
        // the versioned address is served
        assertThat(bytes(versioned.group()).getStatusCode()).isEqualTo(HttpStatus.OK);
        // one link filter, ours: Spring Boot's looked every link of a page up in the jars
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values()
                .stream().map(FilterRegistrationBean::getFilter)
                .filter(f -> f instanceof ResourceUrlEncodingFilter)
                .map(f -> f.getClass().getSimpleName())).containsExactly("StaticOnly");
    }

    @Test
    void aPageIsRenderedOncePerPublishedVersionAndAddress() {
        String path = "/plans/" + PLAN + "/measures/1.2?lang=en";
        String first = get(path).getBody();
        double hits = pageCache("hit");
        double misses = pageCache("miss");
        ResponseEntity<String> again = get(path);
        assertThat(again.getBody()).isEqualTo(first);
        assertThat(again.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
        assertThat(again.getHeaders().getETag()).isNotBlank();
        assertThat(pageCache("hit")).isEqualTo(hits + 1);
        // another address is another page (its language links carry the query), another language too
        assertThat(get(path + "&utm_source=x").getBody()).contains("utm_source=x");
        assertThat(get("/plans/" + PLAN + "/measures/1.2?lang=ru").getBody()).contains("lang=\"ru\"");
        assertThat(pageCache("miss")).isEqualTo(misses + 2);
        // nothing of one reader's session is kept for the next
        assertThat(first).doesNotContain("_csrf", "JSESSIONID");
    }

    private double pageCache(String result) {
        return context.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("cache.gets")
                .tag("cache", "portal.pages").tag("result", result).functionCounter().count();
    }

    @Test
    void implementationReportPageHasStatisticsChartsAndSummaries() {
        String html = get("/reports/" + PLAN + "/2026").getBody();
        assertThat(html).contains("2026-ci ilin icra hesabatı", "Statistika", "class=\"level-bar\"",
                "Şəffaflıq portalı istifadəyə verildi", PortalFixture.ASSESSMENT, "/reports/PORTAL-T/2026.pdf?lang=en");
        assertThat(html).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);
    }
}
