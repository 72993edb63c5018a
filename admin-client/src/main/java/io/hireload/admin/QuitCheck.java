package io.hireload.admin;

/** What quitting now would cut off or leave unwatched, in a sentence; empty when nothing. */
final class QuitCheck {

    private QuitCheck() {
    }

    static String inFlight(boolean uploading, long runningLoads) {
        StringBuilder said = new StringBuilder();
        if (uploading) {
            said.append("An upload is under way: quitting stops it and the server keeps nothing of it. ");
        }
        if (runningLoads > 0) {
            said.append(runningLoads == 1 ? "A load is running" : runningLoads + " loads are running")
                    .append(": ").append(runningLoads == 1 ? "it goes" : "they go")
                    .append(" on on the server, and this window stops following ")
                    .append(runningLoads == 1 ? "it" : "them").append(". ");
        }
        return said.toString().strip();
    }
}
