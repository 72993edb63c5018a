package io.hireload.observe;

/**
 * A load began to run (its turn came, or a request of the 1..1000-row API began writing): fired in
 * the transaction that starts it, observed after the commit by the server's log ({@link LoadLog}).
 */
public record LoadStarted(long loadId, String table, String source, int files, boolean dryRun) {
}
