package io.hireload.admin.fix;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.rows.Columns;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fix and resend: rejected rows of a load, taken into an editable list, sent again through
 * {@code POST /{table}} as CSV (so the server applies exactly the rules a file gets). Rows the
 * server accepts leave the list; the ones it rejects again stay, with its new reason.
 */
public final class FixRowsModel {
    private static final Pattern UNIT = Pattern.compile("^(?:line|item) (\\d+): (.*)$", Pattern.DOTALL);

    private final Session session;
    private final Background background;
    private final ObjectProperty<TableName> table = new SimpleObjectProperty<>(this, "table");
    private final ObservableList<FixRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty sending = new SimpleBooleanProperty(this, "sending");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);

    public FixRowsModel(Session session, Background background) {
        this.session = session;
        this.background = background;
        session.clientProperty().addListener((obs, old, now) -> rows.clear());
    }

    /** Takes the rejected rows of a load into the list to fix, replacing what was there. */
    public void take(LoadReport load, List<RejectedRow> rejected) {
        TableName of = TableName.fromPath(load.table()).orElseThrow();
        table.set(of);
        List<FixRow> taken = new ArrayList<>();
        for (RejectedRow row : rejected) {
            taken.add(new FixRow(of, row.line(), RawFields.split(row.raw(), Columns.of(of).size()),
                    reasonOnly(row.reason())));
        }
        rows.setAll(taken);
        notice.set(Notice.info(taken.size() + " rows of load " + load.loadId() + " to fix: edit a cell (double-click "
                + "or Enter), then send."));
    }

    /** Sends the rows edited into a shape the client finds nothing wrong with; the others wait for their fix. */
    public void send() {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        TableName of = table.get();
        List<FixRow> ready = rows.stream().filter(FixRow::readyToSend).toList();
        if (of == null || ready.isEmpty()) {
            notice.set(Notice.error("No row is ready to send: edit a row until its Reason says \""
                    + FixRow.READY + "\" (untouched rows are not sent again)."));
            return;
        }
        Map<Long, FixRow> byLine = new HashMap<>();
        StringBuilder csv = new StringBuilder();
        long line = 1;
        for (FixRow row : ready) {
            byLine.put(line, row);
            String record = RawFields.join(row.values());
            csv.append(record).append("\r\n");
            line += record.chars().filter(c -> c == '\n').count() + 1;
        }
        background.whileBusy(sending, () -> client.insertCsv(of, csv.toString()),
                report -> answered(ready, byLine, report),
                problem -> notice.set(Notice.error("The rows were not sent. " + Problems.describe(problem))));
    }

    private void answered(List<FixRow> sent, Map<Long, FixRow> byLine, LoadReport report) {
        List<FixRow> again = new ArrayList<>();
        for (RejectedRow rejected : report.rejectedRows()) {
            FixRow row = byLine.get(rejected.line());
            if (row != null) {
                row.rejectedAgain(reasonOnly(rejected.reason()));
                again.add(row);
            }
        }
        List<FixRow> accepted = sent.stream().filter(r -> !again.contains(r)).toList();
        rows.removeAll(accepted);
        String summary = accepted.size() + " of " + sent.size() + " rows accepted (load " + report.loadId() + ")";
        notice.set(again.isEmpty() ? Notice.success(summary + ".")
                : Notice.error(summary + "; " + again.size() + " rejected again, see Reason."));
    }

    /** The server's reason without its {@code line N: } prefix: the line is the list's own column. */
    static String reasonOnly(String reason) {
        if (reason == null) {
            return "";
        }
        Matcher m = UNIT.matcher(reason);
        return m.matches() ? m.group(2) : reason;
    }

    public ObjectProperty<TableName> tableProperty() {
        return table;
    }

    public ObservableList<FixRow> rows() {
        return rows;
    }

    public BooleanProperty sendingProperty() {
        return sending;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }
}
