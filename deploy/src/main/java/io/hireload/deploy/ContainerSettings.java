package io.hireload.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.ecs.Secret;

/** The environment and the secrets the server's and the migration step's containers start with. */
final class ContainerSettings {
    private ContainerSettings() {
    }

    /** The server container's plain settings (nothing secret: those are {@link #serverSecrets}). */
    static Map<String, String> server(HireloadSettings settings, ServerService.Wiring wiring) {
        var env = new LinkedHashMap<String, String>();
        env.put("SERVER_PORT", Integer.toString(ServerService.CONTAINER_PORT));
        env.put("S3_BUCKET", wiring.bucket().bucket().getBucketName());
        env.put("AWS_REGION", Aws.REGION);
        // The migrate container did it; the server's role could not.
        env.put("HIRELOAD_MIGRATE", "false");
        env.put("HIRELOAD_LOG_FORMAT", "json");
        // Only the ALB reaches the tasks (their security group), from inside the VPC: the audit
        // trail believes X-Forwarded-For from there and from nowhere else.
        env.put("HIRELOAD_TRUSTED_PROXIES", wiring.vpc().getVpcCidrBlock());
        if (!settings.s3Prefix().isEmpty()) {
            env.put("S3_PREFIX", settings.s3Prefix());
        }
        if (!settings.javaOpts().isEmpty()) {
            env.put("JAVA_OPTS", settings.javaOpts());
        }
        return env;
    }

    /**
     * Everything secret reaches the containers through ECS secrets: the agent reads Secrets Manager
     * with the execution role at start, so values never sit in the task definition or the template.
     * The server gets its own role's credentials; only the migrate container gets the master's.
     */
    static Map<String, Secret> serverSecrets(ServerService.Wiring wiring) {
        var app = wiring.database().appCredentials();
        var secrets = new LinkedHashMap<String, Secret>();
        secrets.put("DATABASE_URL", Secret.fromSecretsManager(wiring.database().urlSecret()));
        secrets.put("DATABASE_USER", Secret.fromSecretsManager(app, "username"));
        secrets.put("DATABASE_PASSWORD", Secret.fromSecretsManager(app, "password"));
        secrets.put("HIRELOAD_ADMIN_KEY", Secret.fromSecretsManager(wiring.adminKey()));
        return secrets;
    }

    static Map<String, Secret> migrationSecrets(ServerService.Wiring wiring) {
        var master = wiring.database().masterCredentials();
        var app = wiring.database().appCredentials();
        var secrets = new LinkedHashMap<String, Secret>();
        secrets.put("DATABASE_URL", Secret.fromSecretsManager(wiring.database().urlSecret()));
        secrets.put("DATABASE_USER", Secret.fromSecretsManager(master, "username"));
        secrets.put("DATABASE_PASSWORD", Secret.fromSecretsManager(master, "password"));
        secrets.put("HIRELOAD_APP_USER", Secret.fromSecretsManager(app, "username"));
        secrets.put("HIRELOAD_APP_PASSWORD", Secret.fromSecretsManager(app, "password"));
        return secrets;
    }
}
