package io.hireload.security;

import java.util.Optional;

/** The {@code Authorization: Bearer <key>} header, read one way by every guard. */
public final class Bearer {
    public static final String CHALLENGE = "Bearer realm=\"hireload\"";

    private Bearer() {
    }

    /** The key a header presents; empty for no header, another scheme, or a blank key. */
    public static Optional<String> presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorization.substring(7).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
}
