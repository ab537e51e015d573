package az.opengov.nap.portal;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.publication.PublicationService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Evidence files the public may have: those the agency marked public, on a report the commission published. Nothing
 * else is listed or served, and any other id answers like an id that does not exist.
 */
@Component("publicEvidence")
public class PublicEvidence {

    /** What a reader sees of a file. */
    public record FileView(long id, String fileName, String contentType, long sizeBytes, String sha256) {
    }

    private final EvidenceService evidence;
    private final PublicationService publications;

    PublicEvidence(EvidenceService evidence, PublicationService publications) {
        this.evidence = evidence;
        this.publications = publications;
    }

    /** The public files of a published report (used by the portal's report fragment). */
    public List<FileView> of(ReportView report) {
        return publications.byId(report.id()).map(p -> evidence
                        .publicFiles(p.measureId(), p.cycleNumber(), p.agencyCode()).stream().map(PublicEvidence::view)
                        .toList())
                .orElse(List.of());
    }

    /** A file, if the public may download it. */
    public Optional<EvidenceFile> downloadable(long id) {
        try {
            EvidenceFile file = evidence.get(id);
            boolean published = publications.publications(file.measureId()).stream()
                    .anyMatch(p -> p.cycleNumber() == file.cycleNumber() && p.agencyCode().equals(file.agencyCode()));
            return published && file.visibility() == az.opengov.nap.evidence.EvidenceVisibility.PUBLIC
                    ? Optional.of(file) : Optional.empty();
        } catch (az.opengov.nap.shared.NapException e) {
            return Optional.empty();
        }
    }

    public byte[] content(EvidenceFile file) {
        return evidence.content(file);
    }

    private static FileView view(EvidenceFile f) {
        return new FileView(f.id(), f.fileName(), f.contentType(), f.sizeBytes(), f.sha256());
    }
}
