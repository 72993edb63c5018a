package io.hireload.admin.keys;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Session;

/**
 * Asks the server who the connected key is ({@code GET /keys/me}) each time the session connects,
 * and tells the session, which every view's role-dependent controls bind to.
 */
public final class WhoAmI {

    public WhoAmI(Session session, Background background) {
        session.clientProperty().addListener((obs, old, client) -> {
            if (client != null) {
                background.run(client::me, who -> {
                    if (session.client().orElse(null) == client) {
                        session.identified(who);
                    }
                }, problem -> session.identified(null));
            }
        });
    }
}
