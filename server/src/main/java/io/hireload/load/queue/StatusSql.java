package io.hireload.load.queue;

import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Statuses in SQL, spelled by {@link LoadStatus} and {@link ItemStatus} alone. A statement binds a
 * status as a parameter ({@code status = ?} with {@link LoadStatus#wire()}, a set as
 * {@code status = any(?)} with {@link #loadWords}), except where it looks for the loads or items still
 * open (queued or running) among all of them: the partial indexes {@code load_run_open_idx} and
 * {@code load_item_open_idx} (V13) serve a query only when the planner can prove from its text that
 * its predicate implies theirs, which it cannot for a parameter once PostgreSQL plans the prepared
 * statement generically (pgjdbc prepares it on the server from its fifth use); a generic plan of the
 * claim then reads every item ever loaded (StatusWordsTest shows both plans). Those predicates are
 * written with the literals below, made from the enums, so each word is still defined once.
 */
public final class StatusSql {
    /** {@code 'queued'}, as a load's status in SQL text. */
    public static final String LOAD_QUEUED = literal(LoadStatus.QUEUED.wire());
    /** {@code 'running'}, as a load's status in SQL text. */
    public static final String LOAD_RUNNING = literal(LoadStatus.RUNNING.wire());
    /** {@code ('queued', 'running')}: a load not yet ended, the predicate of {@code load_run_open_idx}. */
    public static final String LOAD_OPEN = list(Stream.of(LoadStatus.values()).filter(s -> !s.finished())
            .map(LoadStatus::wire));
    /** {@code 'queued'}, as an item's status in SQL text. */
    public static final String ITEM_QUEUED = literal(ItemStatus.QUEUED.wire());
    /** {@code 'running'}, as an item's status in SQL text. */
    public static final String ITEM_RUNNING = literal(ItemStatus.RUNNING.wire());
    /** {@code ('queued', 'running')}: an item not yet worked to its end, the predicate of {@code load_item_open_idx}. */
    public static final String ITEM_OPEN = list(Stream.of(ItemStatus.QUEUED, ItemStatus.RUNNING).map(ItemStatus::wire));

    private static final Map<String, String> LITERALS = Map.of("{load_queued}", LOAD_QUEUED,
            "{load_running}", LOAD_RUNNING, "{load_open}", LOAD_OPEN, "{item_queued}", ITEM_QUEUED,
            "{item_running}", ITEM_RUNNING, "{item_open}", ITEM_OPEN);

    private StatusSql() {
    }

    /** {@code text} with {@code {load_open}} and the like replaced by the literals above. */
    public static String sql(String text) {
        String sql = text;
        for (Map.Entry<String, String> literal : LITERALS.entrySet()) {
            sql = sql.replace(literal.getKey(), literal.getValue());
        }
        if (sql.contains("{")) {
            throw new IllegalArgumentException("an unknown status literal in " + text);
        }
        return sql;
    }

    /**
     * Binds {@code values} to the statement's parameters in order: a status as its word, a
     * {@code Long}, {@code Integer}, {@code Boolean}, {@code String} or {@link Array} as itself,
     * null as a text null (only texts, such as an error, are ever null here).
     */
    public static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            switch (value) {
                case null -> s.setNull(i + 1, Types.VARCHAR);
                case LoadStatus status -> s.setString(i + 1, status.wire());
                case ItemStatus status -> s.setString(i + 1, status.wire());
                case Long number -> s.setLong(i + 1, number);
                case Integer number -> s.setInt(i + 1, number);
                case Boolean flag -> s.setBoolean(i + 1, flag);
                case String text -> s.setString(i + 1, text);
                case Array array -> s.setArray(i + 1, array);
                case OffsetDateTime instant -> s.setObject(i + 1, instant);
                default -> throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
            }
        }
    }

    /** Load statuses as a {@code text[]} parameter, for {@code status = any(?)}. */
    public static Array loadWords(Connection c, Collection<LoadStatus> statuses) throws SQLException {
        return c.createArrayOf("text", statuses.stream().map(LoadStatus::wire).toArray());
    }

    private static String literal(String word) {
        return "'" + word + "'";
    }

    private static String list(Stream<String> words) {
        return words.map(StatusSql::literal).collect(Collectors.joining(", ", "(", ")"));
    }
}
