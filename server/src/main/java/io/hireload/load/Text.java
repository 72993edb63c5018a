package io.hireload.load;

/** Text from outside made storable as-is in a PostgreSQL text column. */
final class Text {
    private Text() {
    }

    /** PostgreSQL text cannot hold NUL; everything else is kept verbatim. */
    static String storable(String value) {
        return value == null ? "" : value.replace('\u0000', '\uFFFD');
    }
}
