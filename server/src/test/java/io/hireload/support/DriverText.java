package io.hireload.support;

import java.util.regex.Pattern;

/**
 * Driver and SQL text as it leaked into answers and load errors before (issue 28): PostgreSQL's
 * ERROR/Detail/Where lines, constraint and key words, deadlock process and transaction ids,
 * SQLState, Java exception and package names, Hibernate's "[n/a]". The fault tests scan what
 * callers and operators read against it; DriverTextTest holds that it catches those samples.
 */
public final class DriverText {
    public static final Pattern PATTERN = Pattern.compile("(?i)ERROR:|Detail:|Where:|Key \\(|violates|duplicate key|"
            + "deadlock detected|\\bCOPY\\b|\\bSQL|Exception|\\borg\\.|\\bjava\\.|\\[n/a]|error executing work|"
            + "\\bprocess \\d+|transaction \\d+");

    private DriverText() {
    }
}
