package io.hireload.load.queue;

import io.hireload.db.Migrations;
import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
import io.hireload.support.EmbeddedServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status words are defined once, by {@link LoadStatus} and {@link ItemStatus}: the migrated
 * database's check constraints accept exactly those words, so a migration and the enums cannot
 * drift apart; and the queue's claim, which spells its open-status predicates as literals made
 * from the enums ({@link StatusSql}), finds open work through the partial indexes even under the
 * generic plan a prepared statement ends up with, which the same predicate as a parameter cannot.
 */
@ExtendWith(EmbeddedServices.class)
class StatusWordsTest {

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(EmbeddedServices.databaseUrl());
        database.setUser("postgres");
        Migrations.flyway(database, "").migrate();
    }

    @Test
    void loadRunStatusesAreTheLoadStatusWords() throws SQLException {
        assertThat(checkedWords("load_run")).containsExactlyInAnyOrderElementsOf(
                Stream.of(LoadStatus.values()).map(LoadStatus::wire).toList());
    }

    @Test
    void loadItemStatusesAreTheItemStatusWords() throws SQLException {
        assertThat(checkedWords("load_item")).containsExactlyInAnyOrderElementsOf(
                Stream.of(ItemStatus.values()).map(ItemStatus::wire).toList());
    }

    @Test
    void theClaimFindsOpenItemsThroughThePartialIndexesUnderAGenericPlan() throws SQLException {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            // Much history, little open work: what the indexes are for.
            s.execute("""
                    insert into load_run (table_name, source, status, batch_size)
                    select 'jobs', 's3', 'succeeded', 1000 from generate_series(1, 300)""");
            s.execute("""
                    insert into load_item (load_id, table_name, seq, file, etag, size, status)
                    select r.id, 'jobs', n, 'jobs/' || n || '.csv', 'e', 10, 'done'
                      from load_run r, generate_series(1, 20) n""");
            s.execute("insert into load_run (table_name, source, status, batch_size) values ('jobs', 's3', 'running', 1000)");
            s.execute("""
                    insert into load_item (load_id, table_name, seq, file, etag, size)
                    select max(id), 'jobs', 1, 'jobs/new.csv', 'e', 10 from load_run""");
            s.execute("analyze load_run");
            s.execute("analyze load_item");
            s.execute("set plan_cache_mode = force_generic_plan");
            s.execute("set enable_seqscan = off");

            String literal = genericPlan(s, "claim_as_written", LoadItems.CLAIM);
            String bound = genericPlan(s, "claim_bound", LoadItems.CLAIM
                    .replace("lr.status = " + StatusSql.LOAD_RUNNING, "lr.status = ?")
                    .replace("li.status = " + StatusSql.ITEM_QUEUED, "li.status = ?")
                    .replace("li.status = " + StatusSql.ITEM_RUNNING, "li.status = ?"));
            System.out.println("claim, generic plan, literal statuses:\n" + literal + "\nbound statuses:\n" + bound);

            assertThat(literal).containsAnyOf("load_item_open_idx", "load_run_open_idx");
            assertThat(bound).doesNotContain("load_item_open_idx").doesNotContain("load_run_open_idx");
        }
    }

    /** The plan PostgreSQL keeps for {@code sql} prepared, its {@code ?} as untyped parameters. */
    private static String genericPlan(Statement s, String name, String sql) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(ch);
            }
        }
        s.execute("prepare " + name + " as " + numbered);
        List<String> args = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            args.add("null");
        }
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("explain execute " + name + "(" + String.join(", ", args) + ")")) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** The words the check constraint on {@code table}'s status column allows. */
    private static List<String> checkedWords(String table) throws SQLException {
        List<String> words = new ArrayList<>();
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select pg_get_constraintdef(oid) from pg_constraint
                      where conrelid = '%s'::regclass and contype = 'c'
                        and pg_get_constraintdef(oid) ~ '\\mstatus\\M'""".formatted(table))) {
            assertThat(rs.next()).as("a check constraint on " + table + ".status").isTrue();
            Matcher word = Pattern.compile("'([^']*)'").matcher(rs.getString(1));
            while (word.find()) {
                words.add(word.group(1));
            }
            assertThat(rs.next()).as("one check constraint on " + table + ".status").isFalse();
        }
        return words;
    }
}
