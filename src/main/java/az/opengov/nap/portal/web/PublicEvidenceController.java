package az.opengov.nap.portal.web;

import az.opengov.nap.portal.PublicEvidence;
import az.opengov.nap.shared.NapException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Downloads of public evidence files of published reports; anything else is "not found". */
@RestController
class PublicEvidenceController {

    private final PublicEvidence evidence;

    PublicEvidenceController(PublicEvidence evidence) {
        this.evidence = evidence;
    }

    @GetMapping("/open-data/evidence/{id}")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        var file = evidence.downloadable(id).orElseThrow(() -> NapException.notFound("evidence", Long.toString(id)));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .eTag("\"" + file.sha256() + "\"")
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(evidence.content(file));
    }
}
