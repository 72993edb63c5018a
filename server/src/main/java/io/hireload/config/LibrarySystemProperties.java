package io.hireload.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import java.nio.file.Path;

/**
 * The one place the server sets system properties: two libraries read their settings from system
 * properties only, and nothing else. Set when the CDI container starts (a portable extension, first
 * among the observers of its first event), before either library's code runs; a value already given
 * on the command line is kept.
 */
public class LibrarySystemProperties implements Extension {

    void set(@Observes @Priority(0) BeforeBeanDiscovery event) {
        keepTransactionLogInDataDir(ConfigBeans.of(ServerSettings.class).dataDir());
        checkConnectionsBeforeUse();
    }

    /**
     * The transaction manager (Narayana) keeps a small log in its working directory by default; in
     * the container that directory is read-only, and locally it would litter the checkout. It goes
     * under HIRELOAD_DATA_DIR instead. Narayana reads only system properties (or a file of its own).
     */
    private static void keepTransactionLogInDataDir(String dataDir) {
        String dir = Path.of(dataDir, "tx").toAbsolutePath().toString();
        for (String name : new String[]{"com.arjuna.ats.arjuna.objectstore.objectStoreDir",
                "ObjectStoreEnvironmentBean.objectStoreDir"}) {
            keepOrSet(name, dir);
        }
    }

    /**
     * The pool checks a connection before handing it out only when it sat idle for half a second;
     * after a database restart or failover, connections used just before it are dead, and the
     * first requests after the database came back failed on them. Checking every time costs one
     * round trip per transaction, far less than a batch. Hikari reads this system property once,
     * when its pool class loads; it has no configuration property for it.
     */
    private static void checkConnectionsBeforeUse() {
        keepOrSet("com.zaxxer.hikari.aliveBypassWindowMs", "0");
    }

    private static void keepOrSet(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
