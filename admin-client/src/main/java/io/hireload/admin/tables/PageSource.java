package io.hireload.admin.tables;

import io.hireload.client.HireloadClient;
import io.hireload.model.Page;

/** How one table's pages are asked for; a method reference on the typed client. */
@FunctionalInterface
public interface PageSource<T> {
    Page<T> page(HireloadClient client, int page, int size);
}
