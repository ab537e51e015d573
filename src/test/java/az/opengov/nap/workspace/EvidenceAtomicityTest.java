package az.opengov.nap.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.evidence.EvidenceVisibility;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Promise 1 for files: evidence bytes on disk exist exactly when a committed row refers to them. A transaction that
 * stores a file and then fails leaves no file behind; a removal that rolls back keeps the file.
 */
class EvidenceAtomicityTest extends WorkspaceTestBase {

    @Autowired
    EvidenceService evidence;
    @Autowired
    TransactionTemplate tx;

    static byte[] pdf(String text) {
        return ("%PDF-1.7\n% " + text + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Path stored(String sha) {
        return Path.of("target/test-evidence", sha.substring(0, 2), sha);
    }

    @Test
    void aFileStoredInATransactionThatRollsBackIsRemoved() {
        byte[] bytes = pdf("rolled back " + System.nanoTime());
        String[] sha = new String[1];
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            EvidenceFile f = evidence.store(measure.id(), 1, "MCHT", "hesabat.pdf", bytes, EvidenceVisibility.INTERNAL,
                    "ws-mcht");
            sha[0] = f.sha256();
            assertThat(stored(f.sha256())).exists(); // written before the commit...
            throw new IllegalStateException("the submission around it failed");
        })).hasMessageContaining("failed");
        assertThat(stored(sha[0])).doesNotExist(); // ...and gone with the rollback
        assertThat(evidence.files(measure.id(), 1, "MCHT")).isEmpty();
    }

    @Test
    void aCommittedFileStaysAndARolledBackRemovalKeepsIt() {
        byte[] bytes = pdf("committed " + System.nanoTime());
        EvidenceFile f = evidence.store(measure.id(), 1, "MCHT", "hesabat.pdf", bytes, EvidenceVisibility.INTERNAL,
                "ws-mcht");
        assertThat(stored(f.sha256())).exists();

        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            evidence.delete(f);
            throw new IllegalStateException("the removal failed");
        })).hasMessageContaining("failed");
        assertThat(stored(f.sha256())).exists();
        assertThat(evidence.content(evidence.get(f.id()))).isEqualTo(bytes);

        evidence.delete(f);
        assertThat(stored(f.sha256())).doesNotExist();
    }

    @Test
    void bytesSharedWithACommittedRowSurviveAnotherUploadsRollback() throws Exception {
        byte[] bytes = pdf("shared " + System.nanoTime());
        EvidenceFile kept = evidence.store(measure.id(), 1, "MCHT", "a.pdf", bytes, EvidenceVisibility.INTERNAL,
                "ws-mcht");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            evidence.store(measure.id(), 1, "EDU", "b.pdf", bytes, EvidenceVisibility.INTERNAL, "ws-edu");
            throw new IllegalStateException("failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(stored(kept.sha256()))).isEqualTo(bytes);
    }
}
