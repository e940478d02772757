package dev.weft.cli;

import dev.weft.cli.engine.ContainerStateProbe;
import dev.weft.cli.engine.EngineSocketProbe;
import dev.weft.cli.router.HttpRouterApi;
import dev.weft.cli.router.Router;
import dev.weft.cli.router.RouterApi;

/**
 * What commands work with, handed to them by {@link CommandFactory}; tests build one with fakes.
 */
public class Services {
    private final Env env;
    private final RouterApi routerApi;
    private final ContainerStateProbe probe;

    public Services(Env env, RouterApi routerApi, ContainerStateProbe probe) {
        this.env = env;
        this.routerApi = routerApi;
        this.probe = probe;
    }

    public static Services system() {
        Env env = Env.system();
        return new Services(env, new HttpRouterApi(env.httpAddr(), env.statusAddr()),
                new EngineSocketProbe(env.dockerHost()));
    }

    public Env env() {
        return env;
    }

    public Router router() {
        return new Router(routerApi, probe, env.containerName());
    }

    public ContainerStateProbe probe() {
        return probe;
    }
}
