package io.hireload.load.indexes;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How a load's set-aside secondary indexes are built again ({@link Rebuilds}). */
@Dependent
@ConfigProperties(prefix = "hireload.indexes")
public class IndexSettings {
    /** Connections that build side by side (1..8). */
    @ConfigProperty(name = "rebuild-connections", defaultValue = "2")
    private int rebuildConnections;
    /** {@code maintenance_work_mem} of those connections only. */
    @ConfigProperty(name = "maintenance-work-mem", defaultValue = "256MB")
    private String maintenanceWorkMem;

    int rebuildConnections() {
        return rebuildConnections;
    }

    String maintenanceWorkMem() {
        return maintenanceWorkMem;
    }
}
