package az.opengov.nap.portal;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.publication.PublicationService;
import az.opengov.nap.plan.PlanService;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.context.request.RequestAttributes;
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
    private final PlanService plans;

    PublicEvidence(EvidenceService evidence, PublicationService publications, PlanService plans) {
        this.evidence = evidence;
        this.publications = publications;
        this.plans = plans;
    }

    /**
     * The public files of a published report (used by the portal's report fragment). A page shows many reports: the
     * files of each measure are read once per request, not once per report.
     */
    public List<FileView> of(ReportView report) {
        String key = PublicEvidence.class.getName() + ":" + report.planCode() + ":" + report.measureCode();
        var request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        @SuppressWarnings("unchecked")
        Map<String, List<FileView>> byReport = request == null ? null
                : (Map<String, List<FileView>>) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
        if (byReport == null) {
            byReport = plans.findMeasure(report.planCode(), report.measureCode())
                    .map(m -> evidence.publicFilesOfMeasure(m.id()).stream().collect(Collectors.groupingBy(
                            f -> f.cycleNumber() + ":" + f.agencyCode(),
                            Collectors.mapping(PublicEvidence::view, Collectors.toList()))))
                    .orElse(Map.of());
            if (request != null) {
                request.setAttribute(key, byReport, RequestAttributes.SCOPE_REQUEST);
            }
        }
        return byReport.getOrDefault(report.cycle() + ":" + report.agencyCode(), List.of());
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
