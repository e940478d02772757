package dev.weft.router.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/** Sends real DNS queries over UDP or TCP, as a stub resolver would. */
final class DnsTestClient {
    private final InetSocketAddress server;

    DnsTestClient(InetSocketAddress server) {
        this.server = server;
    }

    static Message query(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Message withEdns(Message query, int payloadSize) {
        query.addRecord(new OPTRecord(payloadSize, 0, 0), Section.ADDITIONAL);
        return query;
    }

    Message udp(Message query) throws IOException {
        return new Message(udpRaw(query.toWire()));
    }

    byte[] udpRaw(byte[] wire) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(wire, wire.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            byte[] reply = new byte[packet.getLength()];
            System.arraycopy(buffer, 0, reply, 0, reply.length);
            return reply;
        }
    }

    Message tcp(Message query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5000);
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] wire = query.toWire();
            out.writeShort(wire.length);
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return new Message(reply);
        }
    }

    static List<String> addresses(Message reply) {
        List<String> result = new ArrayList<>();
        for (Record r : reply.getSection(Section.ANSWER)) {
            if (r instanceof ARecord a) {
                result.add(a.getAddress().getHostAddress());
            }
        }
        return result;
    }
}
