package io.hireload.load;

import io.hireload.model.RejectedRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Rejected rows as CSV ({@code line,raw,reason}), quoted per RFC 4180 so the raw text survives. */
final class RejectedCsv {
    private RejectedCsv() {
    }

    static String of(List<RejectedRow> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("line", "raw", "reason").get())) {
            for (RejectedRow row : rows) {
                printer.printRecord(row.line(), row.raw(), row.reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
