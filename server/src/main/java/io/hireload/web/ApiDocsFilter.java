package io.hireload.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes the document the resources yield with what every operation shares: its error
 * answers ({@code {"error", "detail"}} with the statuses it can give), whether it needs a key,
 * and examples of the bodies the 1..1000-row API takes. Written once here rather than on every
 * method.
 */
public class ApiDocsFilter implements OASFilter {
    private static final Set<String> OPEN = Set.of("/", "/health-db", "/health-s3");
    private static final Map<String, String> ROW_EXAMPLES = Map.of(
            "/departments", "[{\"id\": 13, \"department\": \"Audit\"}]",
            "/jobs", "[{\"id\": 184, \"job\": \"Data Engineer\"}]",
            "/employees", "[{\"id\": 4535, \"name\": \"Marcelo Gonzalez\", \"datetime\": \"2021-07-27T16:02:08Z\", "
                    + "\"department_id\": 1, \"job_id\": 2}]");
    private static final Map<String, String> CSV_EXAMPLES = Map.of(
            "/departments", "id,department\n13,Audit\n",
            "/jobs", "id,job\n184,Data Engineer\n",
            "/employees", "id,name,datetime,department_id,job_id\n4535,Marcelo Gonzalez,2021-07-27T16:02:08Z,1,2\n");

    @Override
    public void filterOpenAPI(org.eclipse.microprofile.openapi.models.OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            boolean open = OPEN.contains(path);
            boolean insert = method == PathItem.HttpMethod.POST && ROW_EXAMPLES.containsKey(path);
            describeErrors(operation, open, insert);
            if (insert && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                Content content = operation.getRequestBody().getContent();
                example(content.getMediaType("application/json"), ROW_EXAMPLES.get(path));
                example(content.getMediaType("text/csv"), CSV_EXAMPLES.get(path));
                operation.getRequestBody().setDescription("1 to 1000 rows: a JSON array of objects keyed by the CSV "
                        + "column names, or a CSV body (header row optional)");
            }
        }));
    }

    private static void describeErrors(Operation operation, boolean open, boolean insert) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        add(responses, "400", "A parameter or the body breaks a rule; the detail names it");
        if (open) {
            operation.setSecurity(List.of());
        } else {
            add(responses, "401", "No key, or an unknown one (Authorization: Bearer <key>)");
            add(responses, "403", "A reader key on a route that needs the admin key");
        }
        add(responses, "404", "No such row, load, backup or path");
        if (insert) {
            add(responses, "413", "More than 1000 rows, or a body over 1 MiB; nothing was written");
            add(responses, "415", "A body that is neither application/json nor text/csv");
        }
        add(responses, "500", "A server fault; the detail never carries a stack trace");
        add(responses, "503", "The database or S3 cannot be reached; try again when /health/ready is 200");
    }

    private static void example(MediaType media, String example) {
        if (media != null) {
            media.setExample(example);
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        Schema error = OASFactory.createSchema().ref("#/components/schemas/ApiError");
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(error)));
        responses.addAPIResponse(status, response);
    }
}
