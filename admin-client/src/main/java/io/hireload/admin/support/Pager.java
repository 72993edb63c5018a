package io.hireload.admin.support;

import io.hireload.model.Page;


/** Where a paged list stands, from the server's envelope; the buttons' logic, without any scene. */
public record Pager(int page, int size, long total, int pages) {

    public static Pager empty(int size) {
        return new Pager(1, size, 0, 0);
    }

    public static Pager of(Page<?> answer) {
        return new Pager(Math.max(1, answer.page()), answer.size(), answer.total(), answer.pages());
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    public int last() {
        return Math.max(1, pages);
    }

    /** A page the server can answer: 1..last. */
    public int clamp(int wanted) {
        return Math.max(1, Math.min(last(), wanted));
    }

    /** The page that holds the row at 0-based position {@code index} with pages of {@code size}. */
    public static int pageOfIndex(long index, int size) {
        return (int) (index / size) + 1;
    }

    public String caption() {
        return "Page " + (pages == 0 ? 0 : page) + " of " + Formats.count(pages) + " · " + Formats.count(total)
                + (total == 1 ? " row" : " rows");
    }
}
