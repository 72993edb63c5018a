package io.hireload.load.write;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How a batch is written: how its references are checked. */
@Dependent
@ConfigProperties(prefix = "hireload")
public class WriteSettings {
    /** {@link ReferenceChecks}. */
    @ConfigProperty(name = "load.set-based-references", defaultValue = "true")
    private boolean setBasedReferences;

    boolean setBasedReferences() {
        return setBasedReferences;
    }
}
