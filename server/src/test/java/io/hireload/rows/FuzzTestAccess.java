package io.hireload.rows;

import java.util.Random;

/** Lets the HTTP tests mutate bodies the way {@link FuzzTest} mutates files. */
public final class FuzzTestAccess {
    private FuzzTestAccess() {
    }

    public static String mutate(String text, Random random) {
        return FuzzTest.mutate(text, random);
    }
}
