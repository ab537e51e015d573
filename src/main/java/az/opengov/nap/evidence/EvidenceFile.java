package az.opengov.nap.evidence;

import java.time.Instant;

/**
 * A file attached as evidence to an agency's report on a measure and cycle: its safe name, the content type detected
 * from its bytes, its size and SHA-256 checksum.
 */
public record EvidenceFile(long id, long measureId, int cycleNumber, String agencyCode, String fileName,
                           String contentType, long sizeBytes, String sha256, EvidenceVisibility visibility,
                           String uploadedBy, Instant uploadedAt) {
}
