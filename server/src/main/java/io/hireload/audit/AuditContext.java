package io.hireload.audit;

import io.hireload.model.Caller;
import jakarta.enterprise.context.RequestScoped;

/**
 * What the audit trail needs to know of the request being served: who (null until a key is
 * recognised), what, from where, and whether its entry is already written. Filled at the web edge;
 * a service that commits the request's work writes the entry in that same transaction through
 * {@link AuditTrail#writeIn}, with the status the edge said it will answer on success.
 */
@RequestScoped
public class AuditContext {
    private Caller caller;
    private String method;
    private String path;
    private String client;
    private Integer statusOnCommit;
    private boolean written;

    public void request(String method, String path, String client) {
        this.method = method;
        this.path = path;
        this.client = client;
    }

    public void caller(Caller caller) {
        this.caller = caller;
    }

    /** Said by a resource before it calls the service that writes: the status it answers if that commits. */
    public void answersOnCommit(int status) {
        this.statusOnCommit = status;
    }

    /** The key the request speaks with, once recognised; null before that or for an unknown key. */
    public Caller caller() {
        return caller;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String client() {
        return client;
    }

    Integer statusOnCommit() {
        return statusOnCommit;
    }

    boolean written() {
        return written;
    }

    void markWritten() {
        written = true;
    }

    boolean described() {
        return method != null;
    }
}
