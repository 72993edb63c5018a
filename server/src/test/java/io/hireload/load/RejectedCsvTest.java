package io.hireload.load;

import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /loads/{id}/rejected} with {@code Accept: text/csv}: one file with every rejected row
 * of a load, more than the largest JSON page, each row's raw text back exactly however it was quoted.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class RejectedCsvTest {
    private static final String KEY = "departments/zz-many-rejected.csv";
    /** More than one page (at most 1000 rows) of the JSON list. */
    private static final int REJECTED = 1_250;

    private final Api api;

    @Inject
    RejectedCsvTest(WebTarget target) {
        this.api = new Api(target);
    }

    @Test
    void theCsvCarriesEveryRejectedRowOfTheLoadQuotedAndHeaderFirst() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int line = 1; line <= REJECTED; line++) {
            // An id of zero breaks a rule; the name carries a comma, a quote and, every tenth row, a line break.
            file.append("0,\"Dept ").append(line).append(", \"\"R&D\"\"").append(line % 10 == 0 ? "\nnext" : "")
                    .append("\"\n");
        }
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), KEY, file.toString().getBytes(StandardCharsets.UTF_8));
        try {
            LoadReport report = api.client().load(TableName.DEPARTMENTS, 100, false);
            assertThat(report.rejected()).isEqualTo(REJECTED);

            HttpResponse<String> answer = api.send(api.request("/loads/" + report.loadId() + "/rejected",
                    EmbeddedServices.ADMIN_KEY).header("Accept", "text/csv").GET().build());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
            assertThat(answer.headers().firstValue("Content-Disposition"))
                    .contains("attachment; filename=\"load-" + report.loadId() + "-rejected.csv\"");
            assertThat(answer.body()).startsWith("file,line,raw,reason\r\n");
            List<CSVRecord> records = CSVParser.parse(new StringReader(answer.body()),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).getRecords();
            assertThat(records).hasSize(REJECTED);
            assertThat(records).extracting(r -> r.get("file")).containsOnly(KEY);
            CSVRecord tenth = records.get(9);
            assertThat(tenth.get("raw")).isEqualTo("0,\"Dept 10, \"\"R&D\"\"\nnext\"");
            assertThat(tenth.get("reason")).contains("id");
            CSVRecord last = records.get(REJECTED - 1);
            assertThat(last.get("raw")).isEqualTo("0,\"Dept " + REJECTED + ", \"\"R&D\"\"\nnext\"");
            // Lines count from 1 and a quoted line break makes a record two lines long.
            assertThat(records.get(1).get("line")).isEqualTo("2");
            assertThat(Long.parseLong(last.get("line"))).isEqualTo(REJECTED + REJECTED / 10 - 1);
            assertThat(records).extracting(r -> Long.parseLong(r.get("line"))).isSorted();
        } finally {
            EmbeddedServices.s3().delete(EmbeddedServices.bucket(), KEY);
        }
    }

    @Test
    void anUnknownLoadIsA404NotAnEmptyFile() {
        HttpResponse<String> answer = api.send(api.request("/loads/999999/rejected", EmbeddedServices.ADMIN_KEY)
                .header("Accept", "text/csv").GET().build());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("\"error\"").contains("999999");
    }
}
