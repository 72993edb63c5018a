package io.hireload.rows;

/** The record passed the limit; {@code next} is the character that did, not kept. */
final class LineTooLong extends RuntimeException {
    final int next;

    LineTooLong(int next) {
        super(null, null, false, false);
        this.next = next;
    }
}
