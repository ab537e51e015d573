package az.opengov.nap.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The file types accepted as evidence, recognised by their bytes (magic numbers, and for the zip-based office formats
 * the entries that make them what they are), never by their names.
 */
enum EvidenceType {
    PDF("application/pdf", "pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ODT("application/vnd.oasis.opendocument.text", "odt"),
    JPEG("image/jpeg", "jpg", "jpeg"),
    PNG("image/png", "png");

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 0x03, 0x04};
    private static final int MAX_ZIP_ENTRIES = 5000;

    final String contentType;
    final List<String> extensions;

    EvidenceType(String contentType, String... extensions) {
        this.contentType = contentType;
        this.extensions = List.of(extensions);
    }

    boolean matchesName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && extensions.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The type the bytes are, if it is one we accept. */
    static Optional<EvidenceType> detect(byte[] bytes) {
        if (startsWith(bytes, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, ZIP_MAGIC)) {
            return zipContainer(bytes);
        }
        return Optional.empty();
    }

    /** Reads entry names only (and the tiny "mimetype" entry of OpenDocument), never inflating the documents. */
    private static Optional<EvidenceType> zipContainer(byte[] bytes) {
        boolean contentTypes = false;
        boolean word = false;
        boolean excel = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            int count = 0;
            while ((entry = zip.getNextEntry()) != null && count++ < MAX_ZIP_ENTRIES) {
                String name = entry.getName();
                if (count == 1 && "mimetype".equals(name)) {
                    byte[] mime = zip.readNBytes(100);
                    return "application/vnd.oasis.opendocument.text".equals(
                            new String(mime, StandardCharsets.US_ASCII).trim()) ? Optional.of(ODT) : Optional.empty();
                }
                contentTypes |= "[Content_Types].xml".equals(name);
                word |= name.startsWith("word/");
                excel |= name.startsWith("xl/");
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (contentTypes && word && !excel) {
            return Optional.of(DOCX);
        }
        if (contentTypes && excel && !word) {
            return Optional.of(XLSX);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
