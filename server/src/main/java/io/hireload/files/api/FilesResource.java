package io.hireload.files.api;

import io.hireload.files.BucketFiles;
import io.hireload.files.FileDeletes;
import io.hireload.files.FileUploads;
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
import jakarta.ws.rs.DELETE;
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

import java.io.InputStream;
import java.net.URI;
import java.util.List;

/** {@code PUT} and {@code DELETE /files/{table}/{name}}, {@code GET /files?table=}: the bucket's CSVs, for operators (admin key). */
@Path(ApiPaths.FILES)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
    private final FileUploads uploads;
    private final BucketFiles files;
    private final FileDeletes deletes;

    @Inject
    public FilesResource(FileUploads uploads, BucketFiles files, FileDeletes deletes) {
        this.uploads = uploads;
        this.files = files;
        this.deletes = deletes;
    }

    /** For CDI's proxy only. */
    protected FilesResource() {
        this.uploads = null;
        this.files = null;
        this.deletes = null;
    }

    @PUT
    @Path("/{table}/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(
            @PathParam("table") String table,
            @PathParam("name") String name,
            @QueryParam("load") String load,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
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

    @DELETE
    @Path("/{table}/{name}")
    public Response delete(@PathParam("table") String table, @PathParam("name") String name) {
        TableName target = table(table);
        deletes.delete(target, uploads.keyOf(target, name));
        return Response.noContent().build();
    }

    @GET
    public Page<BucketFile> list(
            @QueryParam("table") String table,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
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
