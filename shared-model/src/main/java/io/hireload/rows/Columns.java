package io.hireload.rows;

import io.hireload.model.TableName;
import io.hireload.schema.TableSchema;

import java.util.List;
import java.util.Locale;

/** The CSV columns of each table, in file order (SPEC section 2; defined in {@link TableSchema}). */
public final class Columns {
    private Columns() {
    }

    public static List<String> of(TableName table) {
        return TableSchema.of(table).csvNames();
    }

    /**
     * Whether a row is a header: its fields are the column names, in any case, with the seed's
     * {@code hire_date} accepted for {@code datetime}.
     */
    public static boolean isHeader(TableName table, List<String> fields) {
        List<String> names = of(table);
        if (fields.size() != names.size()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            String field = fields.get(i).strip().toLowerCase(Locale.ROOT);
            if (!field.equals(names.get(i)) && !(names.get(i).equals("datetime") && field.equals("hire_date"))) {
                return false;
            }
        }
        return true;
    }
}
