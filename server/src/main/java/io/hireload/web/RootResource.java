package io.hireload.web;

import io.hireload.config.InstanceId;
import io.hireload.config.ServerSettings;
import io.hireload.model.ServiceInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where an integrator starts: what this is and where the rest is. */
@Path("/")
@ApplicationScoped
public class RootResource {
    private final String version;

    @Inject
    public RootResource(@ConfigProperties ServerSettings server) {
        this.version = server.version();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ServiceInfo info() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("openapi", "/openapi");
        links.put("docs", "/openapi/ui");
        links.put("health", "/health");
        links.put("health_db", "/health-db");
        links.put("health_s3", "/health-s3");
        links.put("loads", "/loads");
        links.put("backups", "/backups");
        links.put("departments", "/departments");
        links.put("jobs", "/jobs");
        links.put("employees", "/employees");
        links.put("hired_by_quarter_2021", "/metrics/hired-by-quarter-2021");
        links.put("top_hiring_departments", "/metrics/top-hiring-departments");
        return new ServiceInfo("hireload", version, InstanceId.get(), links);
    }
}
