package dev.weft.router.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * An upstream DNS server on loopback for forwarding tests: answers every question with one A record
 * ({@link #address}) and counts what it got over each transport.
 */
final class FakeUpstream implements AutoCloseable {
    final String address;
    final AtomicInteger udpQueries = new AtomicInteger();
    final AtomicInteger tcpQueries = new AtomicInteger();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Thread udpThread;
    private final Thread tcpThread;

    FakeUpstream(InetSocketAddress bind, String address) throws IOException {
        this.address = address;
        this.udp = new DatagramSocket(bind);
        this.tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(bind);
        udpThread = new Thread(this::serveUdp, "fake-upstream-udp");
        tcpThread = new Thread(this::serveTcp, "fake-upstream-tcp");
        udpThread.setDaemon(true);
        tcpThread.setDaemon(true);
        udpThread.start();
        tcpThread.start();
    }

    private byte[] answer(byte[] query) throws IOException {
        Message q = new Message(query);
        Message reply = new Message(q.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        reply.addRecord(q.getQuestion(), Section.QUESTION);
        reply.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 300, InetAddress.getByName(address)),
                Section.ANSWER);
        return reply.toWire();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                udpQueries.incrementAndGet();
                byte[] query = new byte[packet.getLength()];
                System.arraycopy(buffer, 0, query, 0, query.length);
                byte[] reply = answer(query);
                udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed or bad packet
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                tcpQueries.incrementAndGet();
                byte[] reply = answer(query);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            } catch (IOException e) {
                // closed or client gone
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
        udpThread.join(2000);
        tcpThread.join(2000);
    }
}
