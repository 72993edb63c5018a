package io.hireload.backup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The checksum a backup is recorded with and a restore checks first. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
