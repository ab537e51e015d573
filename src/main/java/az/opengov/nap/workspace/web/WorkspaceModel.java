package az.opengov.nap.workspace.web;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.workspace.WorkspaceService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every workspace page's header shows: who is signed in, how much waits for them, the language links. */
@ControllerAdvice(basePackageClasses = WorkspaceModel.class)
class WorkspaceModel {

    private static final Pattern TASK_ACTION = Pattern.compile("^(/workspace/tasks/[^/]+)/.*$");

    private final UserDirectory users;
    private final WorkspaceService workspace;

    WorkspaceModel(UserDirectory users, WorkspaceService workspace) {
        this.users = users;
        this.workspace = workspace;
    }

    @ModelAttribute("me")
    AppUser me() {
        return users.currentUsername().flatMap(users::find).orElse(null);
    }

    @ModelAttribute("openCount")
    Long openCount() {
        AppUser me = me();
        return me == null ? null : workspace.openCount(me);
    }

    @ModelAttribute("reviewCount")
    Long reviewCount() {
        AppUser me = me();
        return me == null || !me.reviewer() ? null : workspace.reviewCount();
    }

    /** The address the language links lead to: this page (a task's page after a form was posted), without lang. */
    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"GET".equals(request.getMethod())) {
            var m = TASK_ACTION.matcher(path);
            return m.matches() ? m.group(1) : path;
        }
        var uri = UriComponentsBuilder.fromPath(path).query(request.getQueryString()).replaceQueryParam("lang");
        return uri.build().toUriString();
    }
}
