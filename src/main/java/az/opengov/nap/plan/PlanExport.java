package az.opengov.nap.plan;

import java.util.Locale;

/** A plan written in its import format: the file's bytes, its media type and a file name. */
public record PlanExport(String fileName, String mediaType, byte[] content) {

    /** The formats a plan is exported in, the same the import reads. */
    public enum Format {
        CSV("text/csv; charset=UTF-8"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
