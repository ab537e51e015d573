package az.opengov.nap.evidence;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evidence files of progress reports. A file is accepted when its bytes are one of the accepted types (PDF, DOCX,
 * XLSX, ODT, JPEG, PNG) and its name says the same, within the size limits per file and per report; it is kept
 * under its SHA-256 and checked against it when read. Who may upload or download is the caller's check (the task's
 * agency, reviewers).
 */
@Service
public class EvidenceService {

    public static final String FIELD = "file";
    static final int MAX_NAME = 200;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EvidenceService.class);

    private final EvidenceRepository files;
    private final EvidenceProperties properties;

    EvidenceService(EvidenceRepository files, EvidenceProperties properties) {
        this.files = files;
        this.properties = properties;
    }

    public EvidenceProperties limits() {
        return properties;
    }

    /** Stores a file, or refuses it with a reason and stores nothing. */
    @Transactional
    public EvidenceFile store(long measureId, int cycle, String agencyCode, String originalName, byte[] bytes,
                              EvidenceVisibility visibility, String user) {
        if (bytes == null || bytes.length == 0) {
            throw refused("evidence.error.empty");
        }
        String name = checkName(originalName);
        if (bytes.length > properties.maxFileSize().toBytes()) {
            throw refused("evidence.error.tooLarge", properties.maxFileSize().toMegabytes());
        }
        List<EvidenceFile> existing = files.forReport(measureId, cycle, agencyCode);
        if (existing.size() >= properties.maxFiles()) {
            throw refused("evidence.error.tooMany", properties.maxFiles());
        }
        long total = existing.stream().mapToLong(EvidenceFile::sizeBytes).sum() + bytes.length;
        if (total > properties.maxReportSize().toBytes()) {
            throw refused("evidence.error.reportTooLarge", properties.maxReportSize().toMegabytes());
        }
        EvidenceType type = EvidenceType.detect(bytes).orElseThrow(() -> refused("evidence.error.type"));
        if (!type.matchesName(name)) {
            throw refused("evidence.error.nameMismatch", type.extensions.get(0).toUpperCase(java.util.Locale.ROOT));
        }
        String sha = sha256(bytes);
        long id = files.insert(measureId, cycle, agencyCode, name, type.contentType, bytes.length, sha,
                visibility == null ? EvidenceVisibility.INTERNAL : visibility, user, Clock.now());
        if (write(sha, bytes)) {
            // the bytes are new: if the transaction (the upload, or the submission around it) rolls back, they go too
            afterCompletion(false, () -> removeIfUnused(sha));
        }
        return get(id);
    }

    public EvidenceFile get(long id) {
        return files.find(id).orElseThrow(() -> NapException.notFound("evidence", id));
    }

    /** The files of an agency's report on a measure and cycle, in the order they were added. */
    public List<EvidenceFile> files(long measureId, int cycle, String agencyCode) {
        return files.forReport(measureId, cycle, agencyCode);
    }

    /** The files the public may see with a published report. */
    public List<EvidenceFile> publicFiles(long measureId, int cycle, String agencyCode) {
        return files(measureId, cycle, agencyCode).stream()
                .filter(f -> f.visibility() == EvidenceVisibility.PUBLIC).toList();
    }

    /** Every public file of a measure, in one read (the portal shows them beside its published reports). */
    public List<EvidenceFile> publicFilesOfMeasure(long measureId) {
        return files.publicOfMeasure(measureId);
    }

    /** The stored bytes, checked against the checksum recorded when they came in. */
    public byte[] content(EvidenceFile file) {
        try {
            byte[] bytes = Files.readAllBytes(path(file.sha256()));
            if (!sha256(bytes).equals(file.sha256())) {
                throw new IllegalStateException("evidence " + file.id() + " does not match its checksum");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("evidence " + file.id() + " cannot be read", e);
        }
    }

    /** Removes a file's row; its bytes go once the removal is committed and no other row holds the same bytes. */
    @Transactional
    public void delete(EvidenceFile file) {
        files.delete(file.id());
        afterCompletion(true, () -> removeIfUnused(file.sha256()));
    }

    /**
     * Runs {@code action} once the current transaction has committed ({@code onCommit}) or rolled back (otherwise);
     * at once when there is no transaction and it should happen on commit.
     */
    private static void afterCompletion(boolean onCommit, Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            if (onCommit) {
                action.run();
            }
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if ((status == STATUS_COMMITTED) == onCommit) {
                    action.run();
                }
            }
        });
    }

    /** Deletes stored bytes no row refers to (after a rollback or a committed removal); a failure is only logged. */
    private void removeIfUnused(String sha) {
        try {
            if (files.countBySha(sha) == 0) {
                Files.deleteIfExists(path(sha));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Evidence bytes {} could not be removed: {}", sha, e.toString());
        }
    }

    /**
     * The name as shown and offered for download: no folders, no control characters, no leading dots, at most 200
     * characters. A name that is a path is refused rather than cut, so that the person sees what happened.
     */
    static String checkName(String original) {
        if (original == null || original.isBlank()) {
            throw refused("evidence.error.name");
        }
        String name = Normalizer.normalize(original.strip(), Normalizer.Form.NFC);
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")
                || name.length() > MAX_NAME || name.chars().anyMatch(c -> Character.isISOControl(c)
                || c == ':' || c == '"' || c == '<' || c == '>' || c == '|' || c == '*' || c == '?')) {
            throw refused("evidence.error.name");
        }
        return name;
    }

    /** Writes the bytes under their checksum; @return whether they were new. */
    private boolean write(String sha, byte[] bytes) {
        Path target = path(sha);
        try {
            if (Files.exists(target)) {
                return false;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), sha, ".part");
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store evidence " + sha, e);
        }
    }

    private Path path(String sha) {
        return properties.directory().resolve(sha.substring(0, 2)).resolve(sha);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NapException refused(String key, Object... args) {
        return NapException.invalid(List.of(FieldProblem.of(FIELD, key, args)));
    }

    /** The stored bytes' path exists; for tests and health checks. */
    Optional<Path> stored(String sha) {
        Path p = path(sha);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }
}
