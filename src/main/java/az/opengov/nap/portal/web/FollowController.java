package az.opengov.nap.portal.web;

import az.opengov.nap.portal.FollowService;
import az.opengov.nap.portal.PublicCatalog;
import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Follow a measure by e-mail: ask (a confirmation mail goes out), confirm (double opt-in), unsubscribe with one click
 * (RFC 8058: a POST to the address in the mail's List-Unsubscribe header; the same page for a person with a button).
 * Links from mails open a page with a button, so a mail scanner that fetches links changes nothing.
 */
@Controller
class FollowController {

    private final FollowService follow;
    private final PublicCatalog catalog;
    private final Messages messages;

    FollowController(FollowService follow, PublicCatalog catalog, Messages messages) {
        this.follow = follow;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/follow/{planCode}/measures/{code}")
    String form(@PathVariable String planCode, @PathVariable String code, Model model, HttpServletResponse response) {
        return form(planCode, code, model, response, null, null);
    }

    @PostMapping("/follow/{planCode}/measures/{code}")
    String request(@PathVariable String planCode, @PathVariable String code,
                   @RequestParam(name = "email", required = false) String email, Model model,
                   HttpServletResponse response) {
        try {
            follow.request(planCode, code, email, LocaleContextHolder.getLocale());
        } catch (NapException e) {
            if (e.status().value() != 422) {
                throw e;
            }
            response.setStatus(422);
            return form(planCode, code, model, response, email, "portal.follow.invalidEmail");
        }
        Snapshot s = catalog.snapshot();
        MeasureView m = s.measure(planCode, code).orElseThrow(PublicCatalog::notPublic);
        noStore(response);
        PageSupport.page(model, s, messages.text("portal.follow.title", m.code()), messages.text("portal.follow.lead"),
                "/follow/" + planCode + "/measures/" + code);
        model.addAttribute("measure", m);
        model.addAttribute("state", "requested");
        return "portal/follow";
    }

    private String form(String planCode, String code, Model model, HttpServletResponse response, String email,
                        String problem) {
        Snapshot s = catalog.snapshot();
        MeasureView m = s.measure(planCode, code).orElseThrow(PublicCatalog::notPublic);
        noStore(response);
        PageSupport.page(model, s, messages.text("portal.follow.title", m.code()), messages.text("portal.follow.lead"),
                "/follow/" + planCode + "/measures/" + code);
        model.addAttribute("measure", m);
        model.addAttribute("state", "form");
        model.addAttribute("email", email);
        model.addAttribute("problem", problem);
        return "portal/follow";
    }

    @GetMapping("/follow/confirm")
    String confirmPage(@RequestParam(name = "token", required = false) String token, Model model,
                       HttpServletResponse response) {
        return tokenPage(model, response, token, follow.measureOfConfirmation(token).isPresent(), "confirm");
    }

    @PostMapping("/follow/confirm")
    String confirm(@RequestParam(name = "token", required = false) String token, Model model,
                   HttpServletResponse response) {
        follow.confirm(token);
        return tokenPage(model, response, token, true, "confirmed");
    }

    @GetMapping("/follow/unsubscribe")
    String unsubscribePage(@RequestParam(name = "token", required = false) String token, Model model,
                           HttpServletResponse response) {
        return tokenPage(model, response, token, follow.measureOfUnsubscribe(token).isPresent(), "unsubscribe");
    }

    /** One click, from the mail client (List-Unsubscribe-Post) or the page's button: always the same answer. */
    @PostMapping("/follow/unsubscribe")
    String unsubscribe(@RequestParam(name = "token", required = false) String token, Model model,
                       HttpServletResponse response) {
        follow.unsubscribe(token);
        return tokenPage(model, response, token, true, "unsubscribed");
    }

    private String tokenPage(Model model, HttpServletResponse response, String token, boolean known, String state) {
        if (!known) {
            throw new NapException(org.springframework.http.HttpStatus.NOT_FOUND, "portal.follow.unknownToken");
        }
        Snapshot s = catalog.snapshot();
        noStore(response);
        PageSupport.page(model, s, messages.text("portal.follow.state." + state),
                messages.text("portal.follow.lead"), "/follow/" + state);
        model.addAttribute("state", state);
        model.addAttribute("token", token);
        return "portal/follow";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Robots-Tag", "noindex");
    }
}
