package io.hireload.security;

import io.hireload.config.ServerSettings;
import io.hireload.model.Caller;
import io.hireload.model.Role;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Who a presented key is. First the bootstrap keys from the environment: the admin key
 * ({@code HIRELOAD_ADMIN_KEY}, named {@code env-admin}) and reader keys ({@code HIRELOAD_READER_KEYS},
 * comma separated, named {@code env-reader-1}, {@code env-reader-2}, ...). With no admin key
 * configured, one is generated at the first start and kept in {@code $HIRELOAD_DATA_DIR/admin.key},
 * readable by its owner only, where the admin client finds it: the server never runs open. Then the
 * named keys in the database ({@link NamedKeys}). Every key is compared as its SHA-256, the bootstrap
 * ones in constant time and all of them each time; keys are never logged.
 */
@ApplicationScoped
@InStage(Stage.KEYS)
public class Keys implements Part {
    private static final Logger LOG = Logger.getLogger(Keys.class.getName());

    static final String ENV_ADMIN = "env-admin";
    static final String ENV_READER = "env-reader-";

    private final byte[] adminDigest;
    private final List<byte[]> readerDigests = new ArrayList<>();
    private final NamedKeys named;

    @Inject
    public Keys(@ConfigProperties KeySettings settings, @ConfigProperties ServerSettings server, NamedKeys named) {
        this.named = named;
        String admin = settings.adminKey().map(String::strip).filter(k -> !k.isEmpty())
                .orElseGet(() -> localAdminKey(keyFile(server.dataDir())));
        this.adminDigest = digest(admin);
        settings.readerKeys().ifPresent(keys -> {
            for (String key : keys.split(",")) {
                if (!key.isBlank()) {
                    readerDigests.add(digest(key.strip()));
                }
            }
        });
    }

    /** For CDI's proxy only. */
    protected Keys() {
        this.adminDigest = null;
        this.named = null;
    }

    /** Makes the key at start, not at the first request: the admin client reads the file before that. */
    @Override
    public void start() {
        LOG.fine("API keys ready");
    }

    /** Whose the presented key is and what it may do; empty for an unknown, revoked or expired key. */
    public Optional<Caller> identify(String presented) {
        byte[] candidate = digest(presented);
        Caller found = null;
        if (MessageDigest.isEqual(candidate, adminDigest)) {
            found = new Caller(null, ENV_ADMIN, Role.ADMIN);
        }
        for (int i = 0; i < readerDigests.size(); i++) {
            if (MessageDigest.isEqual(candidate, readerDigests.get(i)) && found == null) {
                found = new Caller(null, ENV_READER + (i + 1), Role.READER);
            }
        }
        return found != null ? Optional.of(found) : named.find(candidate);
    }

    /** The key file under the data directory, made on first use. */
    static Path keyFile(String dir) {
        return Path.of(dir).toAbsolutePath().normalize().resolve("admin.key");
    }

    private static String localAdminKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
                    LOG.info(() -> "generated an admin key in " + file + " (readable by its owner only); "
                            + "send it as Authorization: Bearer <key>");
                } catch (FileAlreadyExistsException raced) {
                    LOG.fine("another instance wrote the admin key first");
                }
            } else {
                LOG.info(() -> "admin key read from " + file);
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.isEmpty()) {
                throw new IllegalStateException(file + " is empty: delete it to have a new key generated, "
                        + "or set HIRELOAD_ADMIN_KEY");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin key file " + file
                    + "; set HIRELOAD_ADMIN_KEY or make the directory writable", e);
        }
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
