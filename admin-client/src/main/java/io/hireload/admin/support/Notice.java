package io.hireload.admin.support;

/** A line of feedback a view shows under its controls: what happened, or what went wrong. */
public record Notice(Kind kind, String text) {

    public enum Kind { INFO, SUCCESS, ERROR }

    public static final Notice NONE = new Notice(Kind.INFO, "");

    public static Notice info(String text) {
        return new Notice(Kind.INFO, text);
    }

    public static Notice success(String text) {
        return new Notice(Kind.SUCCESS, text);
    }

    public static Notice error(String text) {
        return new Notice(Kind.ERROR, text);
    }

    public static Notice error(Throwable problem) {
        return error(Problems.describe(problem));
    }
}
