package az.opengov.nap.workspace.web;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.NapException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Downloads an evidence file for the agency that added it, and for the commission. Anyone else is told it does not
 * exist. Always as an attachment with its checked type and a safe (RFC 6266 encoded) name, never rendered inline.
 */
@Controller
class EvidenceController {

    private final EvidenceService evidence;
    private final UserDirectory users;

    EvidenceController(EvidenceService evidence, UserDirectory users) {
        this.evidence = evidence;
        this.users = users;
    }

    @GetMapping("/workspace/evidence/{id}")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        AppUser me = users.current();
        EvidenceFile file = evidence.get(id);
        if (!file.agencyCode().equals(me.agencyCode()) && !me.reviewer() && !me.admin()) {
            throw NapException.notFound("evidence", id);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(evidence.content(file));
    }
}
