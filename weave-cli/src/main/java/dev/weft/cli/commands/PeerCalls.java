package dev.weft.cli.commands;

import dev.weft.cli.ExitCode;
import dev.weft.cli.WeaveException;
import dev.weft.cli.router.Params;
import dev.weft.cli.router.Router;
import dev.weft.cli.router.RouterApi.Listener;
import dev.weft.cli.router.RouterResponse;

/** connect/forget: the router answers 400 with one line per bad peer, all of which the user should see. */
final class PeerCalls {
    private PeerCalls() {
    }

    static void post(Router router, String path, Params params) {
        RouterResponse response = router.send(Listener.CONTROL, "POST", path, params.map(), null);
        if (response.ok()) {
            return;
        }
        if (response.status() == 404) {
            throw new WeaveException(ExitCode.DISABLED, "the router does not serve " + path);
        }
        String lines = response.body().strip();
        throw WeaveException.error(lines.isEmpty() ? "the router answered " + response.status() + " to " + path
                : lines.replace("\n", "\nweave: "));
    }
}
