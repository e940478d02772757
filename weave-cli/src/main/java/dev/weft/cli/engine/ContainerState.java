package dev.weft.cli.engine;

/** What the engine says about one container: its status word ({@code running}, {@code exited}, ...), image and pid. */
public record ContainerState(String id, String status, String image, boolean restarting, int pid) {

    public boolean running() {
        return "running".equals(status) && !restarting;
    }
}
