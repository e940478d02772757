package dev.weft.router.proxy;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS on the proxy's TCP listeners, as the Docker daemon's flags mean it (SPEC §9.3): {@code --tls}
 * serves TLS with {@code --tlscert}/{@code --tlskey}; {@code --tlsverify} also requires client
 * certificates signed by {@code --tlscacert}. Files default to {@code ca.pem}, {@code cert.pem} and
 * {@code key.pem} in {@code $DOCKER_CERT_PATH} or {@code ~/.docker}.
 *
 * @param certDir where the default files are looked for
 */
public record ProxyTls(boolean tls, boolean verify, Path caCert, Path cert, Path key) {

    public static ProxyTls fromFlags(boolean tls, boolean verify, String caCert, String cert, String key, Path certDir) {
        return new ProxyTls(tls || verify, verify, file(caCert, certDir, "ca.pem"), file(cert, certDir, "cert.pem"),
                file(key, certDir, "key.pem"));
    }

    /** Where the defaults live: {@code $DOCKER_CERT_PATH}, else {@code ~/.docker}. */
    public static Path defaultCertDir(String dockerCertPath) {
        return dockerCertPath != null && !dockerCertPath.isBlank() ? Path.of(dockerCertPath)
                : Path.of(System.getProperty("user.home"), ".docker");
    }

    private static Path file(String flag, Path dir, String name) {
        return flag != null && !flag.isBlank() ? Path.of(flag) : dir.resolve(name);
    }

    public boolean enabled() {
        return tls;
    }

    /** @throws IllegalArgumentException naming the file or the problem */
    public SslContext serverContext() {
        require("--tlscert", cert);
        require("--tlskey", key);
        if (verify) {
            require("--tlscacert", caCert);
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(cert.toFile(), key.toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (verify) {
                b.trustManager(caCert.toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS for the proxy with " + cert + " and " + key
                    + (verify ? " (CA " + caCert + ")" : "") + ": " + rootMessage(e), e);
        }
    }

    private static void require(String flag, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(flag + " " + file + ": no such file (or not readable)");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    File certFile() {
        return cert.toFile();
    }
}
