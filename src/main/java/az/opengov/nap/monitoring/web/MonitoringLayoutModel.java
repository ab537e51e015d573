package az.opengov.nap.monitoring.web;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the monitoring pages, built on the workspace's layout, need from it: who is signed in (for the admin links) and
 * this page without its language (for the language links). Their errors are the administration pages' error page.
 */
@ControllerAdvice(assignableTypes = {MonitoringPage.class, IncidentsPage.class})
class MonitoringLayoutModel {

    private final UserDirectory users;

    MonitoringLayoutModel(UserDirectory users) {
        this.users = users;
    }

    @ModelAttribute("me")
    AppUser me() {
        return users.currentUsername().flatMap(users::find).orElse(null);
    }

    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"GET".equals(request.getMethod())) {
            return path.startsWith("/admin/incidents") ? "/admin/incidents" : "/admin/monitoring";
        }
        return UriComponentsBuilder.fromPath(path).query(request.getQueryString()).replaceQueryParam("lang")
                .build().toUriString();
    }
}
