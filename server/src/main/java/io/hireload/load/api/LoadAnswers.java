package io.hireload.load.api;

import io.hireload.load.queue.LoadRequest;
import io.hireload.model.ApiPaths;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.load.indexes.IndexParam;
import io.hireload.web.QueryParams;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** How load endpoints read their parameters and answer: 200 with the report, or 202 and where to follow it. */
public final class LoadAnswers {
    private LoadAnswers() {
    }

    public static LoadRequest request(String batchSize, String dryRun, String async, String delimiter, String force,
                                      String indexes) {
        return new LoadRequest(
                QueryParams.integer("batch_size", batchSize, ApiPaths.MAX_BATCH_SIZE, 1, ApiPaths.MAX_BATCH_SIZE),
                QueryParams.bool("dry_run", dryRun),
                QueryParams.bool("async", async),
                QueryParams.delimiter(delimiter),
                QueryParams.bool("force", force),
                IndexParam.parse(indexes));
    }

    public static Response answer(LoadRequest request, LoadReport first, Object body) {
        if (!request.async()) {
            return Response.ok(body).build();
        }
        return Response.accepted(body).location(URI.create(ApiPaths.LOADS + "/" + first.loadId())).build();
    }

    public static java.util.List<TableName> all() {
        return java.util.List.of(TableName.DEPARTMENTS, TableName.JOBS, TableName.EMPLOYEES);
    }
}
