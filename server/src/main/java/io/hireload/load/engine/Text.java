package io.hireload.load.engine;

/** Text from outside made storable in a PostgreSQL text column, for showing what was received. */
final class Text {
    private Text() {
    }

    /**
     * PostgreSQL text cannot hold NUL, and UTF-8 cannot hold a lone UTF-16 surrogate (the driver
     * would send {@code ?}): both become U+FFFD, visibly replaced; everything else is kept verbatim.
     * Only for what a rejected row is kept as: the data rules reject such text, never store it.
     */
    static String storable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean bad = c == '\u0000' || (Character.isSurrogate(c) && !pair);
            if (bad && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
                if (pair) {
                    out.append(value.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? value : out.toString();
    }
}
