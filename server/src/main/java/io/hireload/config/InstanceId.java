package io.hireload.config;

import java.net.InetAddress;

/**
 * This server's name among the instances that share one database: {@code HIRELOAD_INSTANCE_ID},
 * else host name and process id (an ECS task's host name is its own). It names who works a load's
 * objects in {@code file_reports} and in the log; two instances given the same name still never
 * commit over each other, since claims are fenced by a number the database hands out.
 */
public final class InstanceId {
    private static final String ID = ConfigBeans.of(ServerSettings.class).instanceId()
            .map(id -> id.length() > 128 ? id.substring(0, 128) : id)
            .orElseGet(InstanceId::hostAndPid);

    private InstanceId() {
    }

    public static String get() {
        return ID;
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
