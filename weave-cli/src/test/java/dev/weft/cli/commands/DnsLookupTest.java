package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

class DnsLookupTest {
    private final Cli cli = new Cli();
    private DatagramSocket server;

    /** Answers one query on loopback: web.weave.local. has two addresses, anything else is NXDOMAIN. */
    private int startServer() throws Exception {
        server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try {
                byte[] buffer = new byte[512];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                server.receive(packet);
                Message query = new Message(packet.getData());
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.addRecord(query.getQuestion(), Section.QUESTION);
                Name name = query.getQuestion().getName();
                if (name.equals(Name.fromString("web.weave.local."))) {
                    reply.addRecord(new ARecord(name, DClass.IN, 1, InetAddress.getByName("10.32.0.2")), Section.ANSWER);
                    reply.addRecord(new ARecord(name, DClass.IN, 1, InetAddress.getByName("10.32.0.3")), Section.ANSWER);
                } else {
                    reply.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = reply.toWire();
                server.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (Exception e) {
                // the test fails on the missing answer
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server.getLocalPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void printsTheAddresses() throws Exception {
        cli.api.answer("GET /dns-address-port", 200, "127.0.0.1:" + startServer());
        Cli.Result result = cli.run("dns-lookup", "web.weave.local");
        assertEquals(0, result.status());
        assertEquals("10.32.0.2\n10.32.0.3\n", result.out());
    }

    @Test
    void unknownNamePrintsNothing() throws Exception {
        cli.api.answer("GET /dns-address-port", 200, "127.0.0.1:" + startServer());
        Cli.Result result = cli.run("dns-lookup", "nothere");
        assertEquals(0, result.status());
        assertEquals("", result.out());
    }

    @Test
    void dnsDisabledExits4() {
        Cli.Result result = cli.run("dns-lookup", "web");
        assertEquals(4, result.status());
        assertEquals("weave: the router does not serve /dns-address-port (that part of weave is disabled)\n",
                result.err());
    }

    @Test
    void nameIsRequired() {
        Cli.Result result = cli.run("dns-lookup");
        assertEquals(1, result.status());
        assertEquals("weave: Missing required parameter: 'NAME'. See 'weave dns-lookup --help'.\n", result.err());
    }

    @Test
    void badName() {
        cli.api.answer("GET /dns-address-port", 200, "127.0.0.1:53");
        Cli.Result result = cli.run("dns-lookup", "a..b");
        assertEquals(1, result.status());
        assertEquals("weave: invalid name 'a..b': 'a..b': invalid empty label\n", result.err());
    }
}
