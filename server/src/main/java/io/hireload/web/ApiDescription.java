package io.hireload.web;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The API as a whole, for /openapi and its browser page: what it is and how to authenticate. */
@OpenAPIDefinition(
        info = @Info(title = "hireload", version = "0.1.0",
                description = "Loads hiring records (departments, jobs, hired employees) from CSV files in S3 into "
                        + "PostgreSQL, accepts 1 to 1000 rows per request under the data rules, and answers the "
                        + "2021 hiring metrics. Send Authorization: Bearer <key>; locally the admin key is in "
                        + "$HIRELOAD_DATA_DIR/admin.key.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "loads", description = "Loads from S3 and the load history"),
                @Tag(name = "rows", description = "The 1..1000-row API and the tables"),
                @Tag(name = "metrics", description = "The hiring metrics"),
                @Tag(name = "backups", description = "Avro backups and restores"),
                @Tag(name = "service", description = "Entry page and health")})
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin key (HIRELOAD_ADMIN_KEY) or a reader key (HIRELOAD_READER_KEYS)")
public final class ApiDescription {
    private ApiDescription() {
    }
}
