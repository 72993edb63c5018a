package io.hireload.support;

import java.util.Random;
import java.util.function.Consumer;

/**
 * A property checked against many generated cases: try {@code i} draws from its own
 * {@link Random}, made from the seed and {@code i}, so every run draws the same cases and a failing
 * try can be run alone. When one fails, the error names the property, the seed and the try, and
 * how to run just that try again ({@code -Dhireload.property.seed=S -Dhireload.property.try=I}).
 *
 * <p>Our own harness rather than jqwik: from 1.10 on, jqwik's maintainers ask that it not be used
 * by AI coding agents, and this project is partly written by them (README, "Decisions worth knowing").
 */
public final class Property {
    private Property() {
    }

    public static void check(String name, long seed, int tries, Consumer<Random> property) {
        long s = Long.getLong("hireload.property.seed", seed);
        Integer only = Integer.getInteger("hireload.property.try");
        for (int i = only != null ? only : 0; i < (only != null ? only + 1 : tries); i++) {
            try {
                property.accept(random(s, i));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property '" + name + "' failed at try " + i + " of seed " + s
                        + " (run it alone: -Dhireload.property.seed=" + s + " -Dhireload.property.try=" + i + "): "
                        + e.getMessage(), e);
            }
        }
    }

    private static Random random(long seed, int attempt) {
        return new Random(seed ^ (0x9E3779B97F4A7C15L * (attempt + 1)));
    }
}
