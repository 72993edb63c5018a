package io.hireload.admin.fix;

import io.hireload.model.TableName;
import io.hireload.rows.Columns;
import io.hireload.rows.RowRules;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.util.ArrayList;
import java.util.List;

/**
 * One rejected row being fixed: its fields, editable, and what is still wrong with it, live. The
 * reason shown is the client's own check while it finds a problem, else the server's last verdict
 * until a field changes ("ready to send").
 */
public final class FixRow {
    /** What the Reason column says of a row that was edited and passes the client's check. */
    public static final String READY = "ready to send";
    private final TableName table;
    private final long line;
    private final List<StringProperty> fields = new ArrayList<>();
    private final StringProperty serverReason = new SimpleStringProperty(this, "serverReason");
    private final StringProperty sentAs = new SimpleStringProperty(this, "sentAs");
    private final StringBinding problem;
    private final StringBinding reason;

    FixRow(TableName table, long line, List<String> values, String serverReason) {
        this.table = table;
        this.line = line;
        List<String> columns = Columns.of(table);
        for (int i = 0; i < columns.size(); i++) {
            fields.add(new SimpleStringProperty(this, columns.get(i), i < values.size() ? values.get(i) : ""));
        }
        this.serverReason.set(serverReason);
        this.sentAs.set(joined());
        ObservableValue<?>[] deps = fields.toArray(new ObservableValue<?>[0]);
        this.problem = Bindings.createStringBinding(() -> RowRules.reason(table, values()), deps);
        List<ObservableValue<?>> all = new ArrayList<>(fields);
        all.add(this.serverReason);
        all.add(sentAs);
        this.reason = Bindings.createStringBinding(() -> {
            String own = problem.get();
            if (own != null) {
                return own;
            }
            return readyToSend() ? READY : this.serverReason.get();
        }, all.toArray(new ObservableValue<?>[0]));
    }

    public TableName table() {
        return table;
    }

    /** The line (or item) of the source the row was rejected at. */
    public long line() {
        return line;
    }

    public StringProperty field(int index) {
        return fields.get(index);
    }

    public List<String> values() {
        return fields.stream().map(StringProperty::get).toList();
    }

    /** The client's check of the fields as they are now; null when it finds nothing. */
    public StringBinding problemBinding() {
        return problem;
    }

    /** What the Reason column shows: the live problem, the server's verdict, or ready to send. */
    public StringBinding reasonBinding() {
        return reason;
    }

    /**
     * Edited since the server last judged it, and nothing wrong with it that the client can see.
     * Only these go out: a row nobody touched would only be rejected again, for the same reason.
     */
    public boolean readyToSend() {
        return problem.get() == null && !joined().equals(sentAs.get());
    }

    /** The server rejected the fields as they are now, for {@code why}. */
    void rejectedAgain(String why) {
        sentAs.set(joined());
        serverReason.set(why);
    }

    private String joined() {
        return String.join("\u0000", values());
    }
}
