package az.opengov.nap.evidence;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code nap.evidence.*}: where evidence files are kept and how large they may be, per file and per report (all
 * files of one agency's report on a measure and cycle together).
 */
@Validated
@ConfigurationProperties("nap.evidence")
public record EvidenceProperties(@NotNull @DefaultValue("./data/evidence") Path directory,
                                 @NotNull @DefaultValue("10MB") DataSize maxFileSize,
                                 @NotNull @DefaultValue("30MB") DataSize maxReportSize,
                                 @DefaultValue("20") int maxFiles) {
}
