package az.opengov.nap.workspace.web;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.workspace.WorkspaceService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The lists: an agency's inbox of report tasks and the commission's review queue. */
@Controller
@RequestMapping("/workspace")
class InboxController {

    private final UserDirectory users;
    private final WorkspaceService workspace;

    InboxController(UserDirectory users, WorkspaceService workspace) {
        this.users = users;
        this.workspace = workspace;
    }

    @GetMapping
    String inbox(@RequestParam(required = false) String q, @RequestParam(defaultValue = "all") String show,
                 @RequestParam(defaultValue = "due") String sort, Model model) {
        AppUser me = users.current();
        if (me.agencyCode() == null && me.reviewer()) {
            return "redirect:/workspace/reviews";
        }
        model.addAttribute("rows", workspace.inbox(me, q, show, sort));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("show", show);
        model.addAttribute("sort", sort);
        return "workspace/inbox";
    }

    @GetMapping("/reviews")
    String reviews(@RequestParam(required = false) Integer section, @RequestParam(required = false) String agency,
                   Model model) {
        if (!users.current().reviewer()) {
            throw NapException.forbidden();
        }
        model.addAttribute("rows", workspace.reviewQueue(section, agency));
        model.addAttribute("sections", workspace.queueSections());
        model.addAttribute("agencies", workspace.queueAgencies());
        model.addAttribute("section", section);
        model.addAttribute("agency", agency == null ? "" : agency);
        return "workspace/reviews";
    }
}
