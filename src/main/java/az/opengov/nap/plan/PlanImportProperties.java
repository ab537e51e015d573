package az.opengov.nap.plan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code nap.plan.*}: the largest plan file an import reads. */
@ConfigurationProperties("nap.plan")
record PlanImportProperties(@DefaultValue("5MB") DataSize importMaxBytes) {

    PlanImportProperties {
        if (importMaxBytes.toBytes() <= 0 || importMaxBytes.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nap.plan.import-max-bytes must be between 1 byte and 2 GB");
        }
    }

    int maxBytes() {
        return (int) importMaxBytes.toBytes();
    }
}
