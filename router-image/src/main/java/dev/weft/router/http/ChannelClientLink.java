package dev.weft.router.http;

import dev.weft.router.api.ClientLink;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ClientLink} of one request: {@link #gone()} is called when its connection closes or its client stops sending. */
final class ChannelClientLink implements ClientLink {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelClientLink.class);

    private final List<Runnable> actions = new ArrayList<>();
    private boolean gone;

    @Override
    public void onGone(Runnable action) {
        synchronized (this) {
            if (!gone) {
                actions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    void gone() {
        List<Runnable> toRun;
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(ChannelClientLink::runQuietly);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("cancelling a request whose client went away: {}", e.toString());
        }
    }
}
