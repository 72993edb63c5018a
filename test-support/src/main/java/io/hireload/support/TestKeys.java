package io.hireload.support;

/** The credentials the server's tests give the servers they start, in one place. */
public final class TestKeys {
    public static final String ADMIN = "test-admin-key";
    public static final String READER = "test-reader-key";

    private TestKeys() {
    }
}
