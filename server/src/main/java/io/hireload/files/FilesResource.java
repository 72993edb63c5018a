package io.hireload.files;

import io.hireload.failure.Failure;
import io.hireload.model.ApiPaths;
import io.hireload.model.BucketFile;
import io.hireload.model.LoadReport;
import io.hireload.model.Page;
import io.hireload.model.StoredFile;
import io.hireload.model.TableName;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

/** {@code PUT /files/{table}/{name}} and {@code GET /files?table=}: the bucket's CSVs, for operators (admin key). */
@Path(ApiPaths.FILES)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "files", description = "The CSV files in the bucket: upload one, list a table's")
public class FilesResource {
    private final FileUploads uploads;
    private final BucketFiles files;

    @Inject
    public FilesResource(FileUploads uploads, BucketFiles files) {
        this.uploads = uploads;
        this.files = files;
    }

    /** For CDI's proxy only. */
    protected FilesResource() {
        this.uploads = null;
        this.files = null;
    }

    @PUT
    @Path("/{table}/{name}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "uploadFile", summary = "Upload a CSV into a table's folder",
            description = "Streams the body into the table's S3 folder (S3_PREFIX + departments/, jobs/ or "
                    + "employees/) under the name given, replacing an object of that name. Large bodies go up as a "
                    + "multipart upload, one 5 MiB part in memory at a time; a body over HIRELOAD_UPLOAD_MAX_BYTES "
                    + "(default 1 GiB) is refused with 413 and nothing is stored. With load=true the table's load "
                    + "starts in the background as POST /{table}/batch?async=true would: 202 with its Location.")
    @RequestBody(required = true, description = "The file's bytes: CSV, or gzip-compressed CSV for a .csv.gz name",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "application/gzip", schema = @Schema(type = SchemaType.STRING,
                            format = "binary"))})
    @APIResponse(responseCode = "201", description = "Stored; load_id is null",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoredFile.class)))
    @APIResponse(responseCode = "202", description = "Stored, and the table's load started; follow it at Location",
            headers = @Header(name = "Location", description = "/loads/{id}, relative",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoredFile.class)))
    @APIResponse(responseCode = "409", description = "Stored, but a load of the table is already running: the detail says both",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/ApiError")))
    @APIResponse(responseCode = "413", description = "The body is over HIRELOAD_UPLOAD_MAX_BYTES; nothing was stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/ApiError")))
    public Response upload(
            @Parameter(description = "The table whose folder takes the file",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"departments", "jobs", "employees"}))
            @PathParam("table") String table,
            @Parameter(description = "The file name: ends with .csv or .csv.gz, at most 200 characters, without / \\ "
                    + ".. or control characters", schema = @Schema(type = SchemaType.STRING, maxLength = 200,
                    pattern = "^[^/\\\\]+\\.(csv|csv\\.gz)$"))
            @PathParam("name") String name,
            @Parameter(description = "Also start a load of the table", schema = @Schema(type = SchemaType.BOOLEAN,
                    defaultValue = "false")) @QueryParam("load") String load,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        TableName target = table(table);
        boolean andLoad = QueryParams.bool("load", load);
        StoredFile stored = uploads.upload(target, name, length(contentLength), body);
        if (!andLoad) {
            return Response.created(URI.create(ApiPaths.FILES + "?table=" + target.path())).entity(stored).build();
        }
        LoadReport report = uploads.startLoad(target, stored);
        return Response.accepted(new StoredFile(stored.key(), stored.etag(), stored.size(), report.loadId()))
                .location(URI.create(ApiPaths.LOADS + "/" + report.loadId())).build();
    }

    @GET
    @Operation(operationId = "listFiles", summary = "A table's CSV files in the bucket",
            description = "Every .csv and .csv.gz object a load of the table reads, in key order, with its size, "
                    + "last modified time, ETag and whether this version was loaded: loaded_by is the newest "
                    + "successful load (not a dry run) whose files include the key and that finished after the "
                    + "object was last modified.")
    @APIResponse(responseCode = "200", description = "One page of the table's files",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilesPage.class)))
    public Page<BucketFile> list(
            @Parameter(required = true, description = "The table", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"departments", "jobs", "employees"})) @QueryParam("table") String table,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Files per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000", defaultValue = "50")) @QueryParam("size") String size) {
        if (table == null || table.isBlank()) {
            throw new Failure.InvalidInput("table is required: departments, jobs or employees");
        }
        TableName target = table(table);
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        List<BucketFile> all = files.list(target);
        int from = (int) Math.min(all.size(), (long) (p - 1) * s);
        return Page.of(all.subList(from, Math.min(all.size(), from + s)), p, s, all.size());
    }

    /** The envelope's schema for the document (a generic Page has none of its own). */
    @Schema(name = "BucketFilePage")
    record FilesPage(List<BucketFile> items, int page, int size, long total, int pages) {
    }

    private static TableName table(String path) {
        return TableName.fromPath(path).orElseThrow(() -> new Failure.InvalidInput(
                "table must be departments, jobs or employees, not '" + path + "'"));
    }

    private static long length(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
