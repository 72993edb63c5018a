package io.hireload.rows;

import io.hireload.model.Employee;
import io.hireload.model.TableName;
import io.hireload.support.HostileRows;
import io.hireload.support.HostileRows.Field;
import io.hireload.support.HostileRows.Row;
import io.hireload.support.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and extreme rows through both readers and the one validator, thousands of them: each row
 * is accepted exactly when the data rules say so, an accepted row holds exactly the value sent,
 * and a rejected one names every field that broke a rule. The database paths are held to the
 * same rules in {@code io.hireload.load.DataRulesPropertiesTest}.
 */
class DataRulesPropertyTest {
    private static final List<String> COLUMNS = Columns.of(TableName.EMPLOYEES);

    @Test
    void jsonRowsAreAcceptedExactlyWhenTheRulesHoldAndKeepTheirValues() {
        Property.check("JSON rows through the validator", 13_2021L, 1000, random -> {
            List<Row> rows = HostileRows.rows(random, 8);
            String body = HostileRows.json(rows);
            JsonRows.Parsed parsed;
            try {
                parsed = JsonRows.read(TableName.EMPLOYEES, stream(body.getBytes(StandardCharsets.US_ASCII)), 1000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(parsed.items()).as(body).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(parsed.items().get(i).typeError()).as(body).isNull();
                judge(rows.get(i), RowRules.check(TableName.EMPLOYEES, parsed.items().get(i).row()), body);
            }
        });
    }

    @Test
    void csvRowsAreAcceptedExactlyWhenTheRulesHoldAndKeepTheirValues() {
        Property.check("CSV rows through the validator", 13_2022L, 1000, random -> {
            List<Row> rows = HostileRows.rows(random, 8);
            byte[] body = HostileRows.csv(rows);
            List<SourceRow> read = new ArrayList<>();
            CsvRowReader reader = new CsvRowReader(stream(body), "employees/p.csv", null);
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                read.add(row);
            }
            String shown = new String(body, StandardCharsets.UTF_8);
            assertThat(read).as(shown).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                judge(rows.get(i), RowRules.check(TableName.EMPLOYEES, read.get(i)), shown);
            }
        });
    }

    private static void judge(Row row, Checked checked, String body) {
        if (row.valid()) {
            assertThat(checked).as("%s in %s", row, body).isInstanceOfSatisfying(Checked.Valid.class, v -> {
                Employee e = (Employee) v.value();
                assertThat(e.id()).isEqualTo(row.idValue());
                assertThat(e.name()).isEqualTo(row.name().expected());
                assertThat(e.datetime()).isEqualTo(row.datetime().expected());
                assertThat(e.departmentId()).isEqualTo(row.departmentId().expected());
                assertThat(e.jobId()).isEqualTo(row.jobId().expected());
            });
            return;
        }
        assertThat(checked).as("%s in %s", row, body).isInstanceOfSatisfying(Checked.Rejected.class, r -> {
            List<Field> fields = List.of(row.id(), row.name(), row.datetime(), row.departmentId(), row.jobId());
            for (int f = 0; f < fields.size(); f++) {
                if (!fields.get(f).valid()) {
                    assertThat(r.reason()).as("why %s was rejected", row).containsPattern("(^|; )" + COLUMNS.get(f) + " ");
                }
            }
            assertThat(r.reason()).doesNotContain("java.", "Exception");
        });
    }

    private static ByteArrayInputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
