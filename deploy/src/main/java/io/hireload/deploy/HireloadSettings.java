package io.hireload.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every size, count and name of the deployment, with defaults sized for a small production load.
 * Each can be overridden by CDK context {@code hireload:<name>} (cdk.json, {@code cdk -c}, or the
 * {@code CDK_CONTEXT_JSON} the CLI passes), so nothing needs a code change to resize.
 *
 * @param stackName          CloudFormation stack name
 * @param vpcCidr            address range of the new VPC
 * @param maxAzs             availability zones the VPC spans (at least 2: the ALB and Aurora need two)
 * @param natGateways        NAT gateways; 1 is cheaper, one per zone survives a zone outage
 * @param cpu                Fargate task CPU units (256, 512, 1024, 2048, 4096, ...)
 * @param memoryMiB          Fargate task memory; the JVM takes a share of it (MaxRAMPercentage)
 * @param desiredCount       tasks at first deploy
 * @param minTasks           autoscaling floor
 * @param maxTasks           autoscaling ceiling
 * @param cpuTargetPercent   average CPU the service scales to keep
 * @param requestsPerTarget  ALB requests per task per minute the service scales to keep
 * @param idleTimeoutSeconds ALB idle timeout; synchronous bulk loads hold a request open for a while
 * @param dbMinAcu           Aurora Serverless v2 floor (0 lets it pause when idle, at the cost of a cold start)
 * @param dbMaxAcu           Aurora Serverless v2 ceiling
 * @param dbReaders          reader instances next to the writer (each costs as much as the writer)
 * @param dbName             database created in the cluster
 * @param dbUser             master user name stored in the generated secret
 * @param postgresVersion    Aurora PostgreSQL engine version, {@code major.minor}
 * @param deletionProtection protect the cluster from a stack delete (turn off for throwaway stacks)
 * @param bucketName         S3 bucket name, or empty for a generated one (bucket names are global)
 * @param s3Prefix           key prefix under which the table folders live, or empty for the bucket root
 * @param logRetentionDays   CloudWatch log retention, one of the values CloudWatch accepts
 * @param imageUri           a prebuilt server image, or empty to build deploy/Dockerfile at deploy time
 * @param certificateArn     ACM certificate for HTTPS on the ALB; empty makes it the stack parameter
 *                           {@code CertificateArn}, asked for at deploy time
 * @param javaOpts           extra JVM options for the server (JAVA_OPTS)
 * @param plainHttp          the explicit opt-out of HTTPS: plain HTTP on port 80, the admin key in clear
 *                           text over the internet (only for a throwaway stack; docs/DEPLOY.md)
 * @param alarmEmail         an address subscribed to the alarms' topic, or empty for none
 * @param migrationLockWaitSeconds how long the migration step waits for another task's Flyway lock;
 *                           the service's health check grace period is this plus the server's start
 * @param requestsPerAddress requests one client address may send in 5 minutes before the web ACL
 *                           blocks it (until its rate falls below again)
 */
public record HireloadSettings(
        String stackName,
        String vpcCidr,
        int maxAzs,
        int natGateways,
        int cpu,
        int memoryMiB,
        int desiredCount,
        int minTasks,
        int maxTasks,
        int cpuTargetPercent,
        int requestsPerTarget,
        int idleTimeoutSeconds,
        double dbMinAcu,
        double dbMaxAcu,
        int dbReaders,
        String dbName,
        String dbUser,
        String postgresVersion,
        boolean deletionProtection,
        String bucketName,
        String s3Prefix,
        int logRetentionDays,
        String imageUri,
        String certificateArn,
        String javaOpts,
        boolean plainHttp,
        String alarmEmail,
        int migrationLockWaitSeconds,
        int requestsPerAddress) {

    /** The context key prefix, so hireload's keys never collide with CDK's own feature flags. */
    public static final String CONTEXT_PREFIX = "hireload:";

    private static final Map<Integer, software.amazon.awscdk.services.logs.RetentionDays> RETENTION = retentionDays();
    private static final Set<Integer> LOG_RETENTION_DAYS = new java.util.TreeSet<>(RETENTION.keySet());

    public HireloadSettings {
        require(!stackName.isBlank(), "stackName must not be blank");
        require(maxAzs >= 2, "maxAzs must be at least 2 (the load balancer and Aurora need two zones), was " + maxAzs);
        require(natGateways >= 1 && natGateways <= maxAzs,
                "natGateways must be between 1 and maxAzs, was " + natGateways);
        require(cpu >= 256, "cpu must be at least 256, was " + cpu);
        require(memoryMiB >= 512, "memoryMiB must be at least 512, was " + memoryMiB);
        require(minTasks >= 1 && minTasks <= maxTasks,
                "need 1 <= minTasks <= maxTasks, was " + minTasks + ".." + maxTasks);
        require(desiredCount >= minTasks && desiredCount <= maxTasks,
                "desiredCount must lie within minTasks..maxTasks, was " + desiredCount);
        require(cpuTargetPercent > 0 && cpuTargetPercent <= 100,
                "cpuTargetPercent must be in 1..100, was " + cpuTargetPercent);
        require(requestsPerTarget > 0, "requestsPerTarget must be positive, was " + requestsPerTarget);
        require(idleTimeoutSeconds >= 1 && idleTimeoutSeconds <= 4000,
                "idleTimeoutSeconds must be in 1..4000, was " + idleTimeoutSeconds);
        require(dbMinAcu >= 0 && dbMinAcu <= dbMaxAcu && dbMaxAcu <= 256 && dbMaxAcu >= 1,
                "need 0 <= dbMinAcu <= dbMaxAcu <= 256 and dbMaxAcu >= 1, was " + dbMinAcu + ".." + dbMaxAcu);
        require(dbReaders >= 0 && dbReaders <= 15, "dbReaders must be in 0..15, was " + dbReaders);
        require(dbName.matches("[a-z][a-z0-9_]{0,62}"), "dbName must be a plain lower-case identifier, was " + dbName);
        require(dbUser.matches("[a-z][a-z0-9_]{0,15}"), "dbUser must be a plain lower-case identifier, was " + dbUser);
        require(postgresVersion.matches("\\d+\\.\\d+"), "postgresVersion must be major.minor, was " + postgresVersion);
        require(s3Prefix.isEmpty() || s3Prefix.endsWith("/"), "s3Prefix must be empty or end with '/', was " + s3Prefix);
        require(!s3Prefix.startsWith("/"), "s3Prefix must not start with '/', was " + s3Prefix);
        require(!(plainHttp && !certificateArn.isEmpty()),
                "plainHttp and certificateArn exclude each other: HTTPS needs the certificate, plain HTTP has none");
        require(alarmEmail.isEmpty() || alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
                "alarmEmail must be an e-mail address, was " + alarmEmail);
        require(migrationLockWaitSeconds >= 60 && migrationLockWaitSeconds <= 3600,
                "migrationLockWaitSeconds must be in 60..3600, was " + migrationLockWaitSeconds);
        require(requestsPerAddress >= 10 && requestsPerAddress <= 2_000_000_000,
                "requestsPerAddress must be in 10..2000000000 (WAF's bounds), was " + requestsPerAddress);
        require(LOG_RETENTION_DAYS.contains(logRetentionDays),
                "logRetentionDays must be one of " + LOG_RETENTION_DAYS + ", was " + logRetentionDays);
    }

    /**
     * The defaults: two zones with a NAT gateway each (a zone's loss leaves the other's tasks their
     * way out), two tasks of 1 vCPU / 2 GiB, Aurora at 0.5..4 ACU with a writer and a reader in
     * another zone, logs kept a year, HTTPS, 2000 requests per address in 5 minutes.
     */
    public static HireloadSettings defaults() {
        return new HireloadSettings("Hireload", "10.40.0.0/16", 2, 2, 1024, 2048, 2, 2, 6, 60, 1000, 300,
                0.5, 4, 1, "hireload", "hireload", "16.6", true, "", "", 365, "", "", "", false, "", 600, 2000);
    }

    /** The defaults, each replaced by the context value {@code hireload:<name>} when one is set. */
    public static HireloadSettings fromContext(Function<String, Object> context) {
        var d = defaults();
        var c = new Reader(context);
        return new HireloadSettings(
                c.text("stackName", d.stackName()),
                c.text("vpcCidr", d.vpcCidr()),
                c.integer("maxAzs", d.maxAzs()),
                c.integer("natGateways", d.natGateways()),
                c.integer("cpu", d.cpu()),
                c.integer("memoryMiB", d.memoryMiB()),
                c.integer("desiredCount", d.desiredCount()),
                c.integer("minTasks", d.minTasks()),
                c.integer("maxTasks", d.maxTasks()),
                c.integer("cpuTargetPercent", d.cpuTargetPercent()),
                c.integer("requestsPerTarget", d.requestsPerTarget()),
                c.integer("idleTimeoutSeconds", d.idleTimeoutSeconds()),
                c.decimal("dbMinAcu", d.dbMinAcu()),
                c.decimal("dbMaxAcu", d.dbMaxAcu()),
                c.integer("dbReaders", d.dbReaders()),
                c.text("dbName", d.dbName()),
                c.text("dbUser", d.dbUser()),
                c.text("postgresVersion", d.postgresVersion()),
                c.bool("deletionProtection", d.deletionProtection()),
                c.text("bucketName", d.bucketName()),
                c.text("s3Prefix", d.s3Prefix()),
                c.integer("logRetentionDays", d.logRetentionDays()),
                c.text("imageUri", d.imageUri()),
                c.text("certificateArn", d.certificateArn()),
                c.text("javaOpts", d.javaOpts()),
                c.bool("plainHttp", d.plainHttp()),
                c.text("alarmEmail", d.alarmEmail()),
                c.integer("migrationLockWaitSeconds", d.migrationLockWaitSeconds()),
                c.integer("requestsPerAddress", d.requestsPerAddress()));
    }

    /** Convenience for tests and callers holding a plain map of un-prefixed names. */
    public static HireloadSettings fromMap(Map<String, ?> values) {
        return fromContext(key -> values.get(key.substring(CONTEXT_PREFIX.length())));
    }

    /** HTTPS unless explicitly opted out of. */
    public boolean https() {
        return !plainHttp;
    }

    /** The log retention as CDK's enum (which has no way to build one from a day count). */
    public software.amazon.awscdk.services.logs.RetentionDays retention() {
        return RETENTION.get(logRetentionDays);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("hireload deploy setting: " + message);
        }
    }

    /** Context values arrive as strings from {@code cdk -c} and as JSON numbers/booleans from cdk.json. */
    private record Reader(Function<String, Object> context) {

        private Object raw(String name) {
            return context.apply(CONTEXT_PREFIX + name);
        }

        String text(String name, String fallback) {
            var v = raw(name);
            return v == null ? fallback : v.toString().trim();
        }

        int integer(String name, int fallback) {
            var v = raw(name);
            if (v == null) {
                return fallback;
            }
            try {
                return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hireload deploy setting: " + name + " must be an integer, was " + v, e);
            }
        }

        double decimal(String name, double fallback) {
            var v = raw(name);
            if (v == null) {
                return fallback;
            }
            try {
                return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hireload deploy setting: " + name + " must be a number, was " + v, e);
            }
        }

        boolean bool(String name, boolean fallback) {
            var v = raw(name);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new IllegalArgumentException(
                        "hireload deploy setting: " + name + " must be true or false, was " + v);
            };
        }
    }

    private static Map<Integer, software.amazon.awscdk.services.logs.RetentionDays> retentionDays() {
        int[] days = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
                2922, 3288, 3653};
        String[] names = {"ONE_DAY", "THREE_DAYS", "FIVE_DAYS", "ONE_WEEK", "TWO_WEEKS", "ONE_MONTH", "TWO_MONTHS",
                "THREE_MONTHS", "FOUR_MONTHS", "FIVE_MONTHS", "SIX_MONTHS", "ONE_YEAR", "THIRTEEN_MONTHS",
                "EIGHTEEN_MONTHS", "TWO_YEARS", "THREE_YEARS", "FIVE_YEARS", "SIX_YEARS", "SEVEN_YEARS", "EIGHT_YEARS",
                "NINE_YEARS", "TEN_YEARS"};
        Map<Integer, software.amazon.awscdk.services.logs.RetentionDays> map = new java.util.HashMap<>();
        for (int i = 0; i < days.length; i++) {
            map.put(days[i], software.amazon.awscdk.services.logs.RetentionDays.valueOf(names[i]));
        }
        return Map.copyOf(map);
    }
}
