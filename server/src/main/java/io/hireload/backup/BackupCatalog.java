package io.hireload.backup;

import io.hireload.db.DatabaseFailures;
import io.hireload.model.BackupInfo;
import io.hireload.model.Page;
import io.hireload.model.TableName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The record of every backup made ({@code backup} table): what a restore trusts a file against. */
@ApplicationScoped
public class BackupCatalog {
    private static final String COLUMNS = "id, table_name, rows, bytes, sha256, codec, target, location, created_at";

    private final DataSource dataSource;

    @Inject
    public BackupCatalog(@Named("hireload") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For CDI's proxy only. */
    protected BackupCatalog() {
        this(null);
    }

    /** A file made and kept, with its rows, size and checksum. */
    record Made(TableName table, long rows, long bytes, String sha256, String codec, BackupStore.Stored stored,
                Instant createdAt) {
    }

    BackupInfo record(Made made) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into backup (table_name, rows, bytes, sha256, codec, "
                     + "target, location, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS)) {
            insert.setString(1, made.table().path());
            insert.setLong(2, made.rows());
            insert.setLong(3, made.bytes());
            insert.setString(4, made.sha256());
            insert.setString(5, made.codec());
            insert.setString(6, made.stored().target());
            insert.setString(7, made.stored().location());
            insert.setObject(8, OffsetDateTime.ofInstant(made.createdAt(), ZoneOffset.UTC));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return info(rs);
            }
        }
    }

    public Page<BackupInfo> page(TableName table, int page, int size) {
        String where = table == null ? "" : " where table_name = ?";
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from backup" + where)) {
                if (table != null) {
                    count.setString(1, table.path());
                }
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<BackupInfo> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from backup" + where
                    + " order by id desc limit ? offset ?")) {
                int i = 1;
                if (table != null) {
                    select.setString(i++, table.path());
                }
                select.setInt(i++, size);
                select.setLong(i, (long) (page - 1) * size);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(info(rs));
                    }
                }
            }
            return Page.of(items, page, size, total);
        } catch (SQLException e) {
            throw DatabaseFailures.describe("list backups", e);
        }
    }

    public Optional<BackupInfo> find(long id) {
        return one("select " + COLUMNS + " from backup where id = ?", ps -> ps.setLong(1, id));
    }

    public Optional<BackupInfo> newest(TableName table) {
        return one("select " + COLUMNS + " from backup where table_name = ? order by id desc limit 1",
                ps -> ps.setString(1, table.path()));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<BackupInfo> one(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(info(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw DatabaseFailures.describe("read backups", e);
        }
    }

    private static BackupInfo info(ResultSet rs) throws SQLException {
        return new BackupInfo(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5).strip(),
                rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant());
    }
}
