package az.opengov.nap.portal;

import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.portal.PortalRepository.Subscription;
import az.opengov.nap.publication.Publication;
import az.opengov.nap.publication.PublicationService;
import az.opengov.nap.publication.ReportPublished;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Following a measure by e-mail: a request sends a confirmation link (double opt-in); only a confirmed address gets
 * one mail per new publication on the measure; every mail carries a one-click unsubscribe link. Addresses are never
 * shown anywhere, and a request for an address already following tells nothing about it.
 */
@Service
public class FollowService {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:]{2,}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PortalRepository repository;
    private final PlanService plans;
    private final AgencyService agencies;
    private final PublicationService publications;
    private final FollowMailer mailer;
    private final Messages messages;
    private final String baseUrl;

    FollowService(PortalRepository repository, PlanService plans, AgencyService agencies,
                  PublicationService publications, FollowMailer mailer, Messages messages,
                  @Value("${nap.portal.base-url:http://localhost:8080}") String baseUrl) {
        this.repository = repository;
        this.plans = plans;
        this.agencies = agencies;
        this.publications = publications;
        this.mailer = mailer;
        this.messages = messages;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Asks an address to confirm that it wants to follow the measure. Idempotent for a confirmed address. */
    @Transactional
    public void request(String planCode, String measureCode, String email, Locale locale) {
        Measure measure = plans.findMeasure(planCode, measureCode).orElseThrow(PublicCatalog::notPublic);
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 320 || !EMAIL.matcher(address).matches()) {
            throw NapException.invalid(List.of(FieldProblem.of("email", "portal.follow.invalidEmail")));
        }
        String language = Messages.supported(locale).getLanguage();
        Optional<Subscription> existing = repository.find(planCode, measureCode, address);
        if (existing.isPresent() && existing.get().active()) {
            return;
        }
        String confirm = token();
        String unsubscribe = token();
        if (existing.isPresent()) {
            repository.renew(existing.get().id(), language, confirm, unsubscribe, Clock.now());
        } else {
            repository.insert(planCode, measureCode, address, language, confirm, unsubscribe, Clock.now());
        }
        Locale l = Locale.forLanguageTag(language);
        String link = baseUrl + "/follow/confirm?token=" + confirm;
        mailer.enqueue("follow-confirm:" + confirm, address, l,
                messages.text(l, "portal.follow.mail.confirmSubject", measure.code()),
                messages.text(l, "portal.follow.mail.confirmBody", measure.code(), measure.title(), link), null);
    }

    /** The subscription a confirmation link names, if any (unconfirmed or confirmed). */
    public Optional<String> measureOfConfirmation(String token) {
        return valid(token) ? repository.byConfirmToken(token).map(s -> s.planCode() + "/" + s.measureCode())
                : Optional.empty();
    }

    @Transactional
    public void confirm(String token) {
        Subscription s = (valid(token) ? repository.byConfirmToken(token) : Optional.<Subscription>empty())
                .filter(x -> x.unsubscribedAt() == null)
                .orElseThrow(() -> new NapException(HttpStatus.NOT_FOUND, "portal.follow.unknownToken"));
        repository.confirm(s.id(), Clock.now());
    }

    public Optional<String> measureOfUnsubscribe(String token) {
        return valid(token) ? repository.byUnsubscribeToken(token).map(s -> s.planCode() + "/" + s.measureCode())
                : Optional.empty();
    }

    /** One-click unsubscribe: idempotent, and an unknown token changes nothing. */
    @Transactional
    public boolean unsubscribe(String token) {
        Optional<Subscription> s = valid(token) ? repository.byUnsubscribeToken(token) : Optional.empty();
        s.ifPresent(x -> repository.unsubscribe(x.id(), Clock.now()));
        return s.isPresent();
    }

    /** One mail per confirmed follower when a report on the measure is published, in the publication's transaction. */
    @EventListener
    @Transactional
    public void onPublished(ReportPublished event) {
        Publication p = publications.byReport(event.reportId()).orElseThrow();
        if (!repository.markAnnounced(p.id(), Clock.now())) {
            return;
        }
        Measure measure = plans.measure(p.measureId());
        String page = baseUrl + "/plans/" + measure.planCode() + "/measures/" + measure.code() + "#report-" + p.id();
        repository.activeFor(measure.planCode(), measure.code()).forEach(s -> {
            Locale l = Locale.forLanguageTag(s.language());
            String agency = agencies.find(p.agencyCode()).map(a -> a.name(l.getLanguage())).orElse(p.agencyCode());
            String unsubscribe = baseUrl + "/follow/unsubscribe?token=" + s.unsubscribeToken();
            mailer.enqueue("follow-publication:" + p.id(), s.email(), l,
                    messages.text(l, "portal.follow.mail.newSubject", measure.code(), agency),
                    messages.text(l, "portal.follow.mail.newBody", measure.code(), measure.title(), agency, page,
                            unsubscribe), unsubscribe);
        });
    }

    private static boolean valid(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{20,64}");
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
