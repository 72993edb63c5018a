package io.hireload.config;

import java.net.InetAddress;

/**
 * This server's name among the instances that share one database: {@code HIRELOAD_INSTANCE_ID},
 * else host name and process id (an ECS task's host name is its own). It names who works a load's
 * objects in {@code file_reports} and in the log; two instances given the same name still never
 * commit over each other, since claims are fenced by a number the database hands out.
 */
public final class InstanceId {
    private static final String ID = of(ConfigBeans.of(ServerSettings.class).instanceId().orElse(null));

    private InstanceId() {
    }

    public static String get() {
        return ID;
    }

    /** The name given as {@code configured} (null or blank: none), as {@link #get()} derives it. */
    static String of(String configured) {
        if (configured == null || configured.isBlank()) {
            return hostAndPid();
        }
        String id = configured.strip();
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    /**
     * The {@code application_name} of every pooled database session of instance {@code id}: a
     * digest of the name, so a long one (up to 128 characters) still fits PostgreSQL's 63 and
     * stays distinct. An instance that takes over a frozen one's objects finds its sessions by it.
     */
    public static String sessionName(String id) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "hireload " + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
