import java.nio.ByteBuffer;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Seals 1400-byte datagrams in place with each JDK AEAD, as the sleeve does (a fresh init per datagram). */
public class AeadMicro {
    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        for (int round = 0; round < 2; round++) {
            for (String alg : new String[] {"ChaCha20-Poly1305", "AES/GCM/NoPadding"}) {
                System.out.printf("%s round=%d size=%d: %.0f MB/s%n", alg, round, size, run(alg, size, seconds));
            }
        }
    }

    static double run(String alg, int size, double seconds) throws Exception {
        boolean gcm = alg.startsWith("AES");
        Cipher c = Cipher.getInstance(alg);
        SecretKeySpec key = new SecretKeySpec(new byte[32], gcm ? "AES" : "ChaCha20");
        ByteBuffer b = ByteBuffer.allocate(size + 64);
        byte[] nonce = new byte[12];
        long n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                n++;
                ByteBuffer.wrap(nonce).putLong(4, n);
                c.init(Cipher.ENCRYPT_MODE, key, gcm ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
                ByteBuffer aad = b.duplicate().position(0).limit(16);
                c.updateAAD(aad);
                ByteBuffer in = b.duplicate().position(16).limit(size);
                ByteBuffer out = b.duplicate().position(16).limit(size + 16);
                c.doFinal(in, out);
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return n * (double) size / secs / 1e6;
    }
}
