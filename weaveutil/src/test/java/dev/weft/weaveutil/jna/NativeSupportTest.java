package dev.weft.weaveutil.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeSupportTest {

    @Test
    void availabilityIsDecidedOnceWithItsCause() {
        boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
        assertEquals(linux, NativeSupport.isAvailable());
        assertEquals(!linux, NativeSupport.unavailabilityCause().isPresent());
    }

    @Test
    void socketAddressForAPacketSocketIsTwentyBytesWithTheProtocolInNetworkOrder() {
        byte[] address = PacketSocket.sockaddrLl(7, PacketSocket.ETH_P_ARP, new byte[] {-1, -1, -1, -1, -1, -1});
        assertEquals(20, address.length);
        assertEquals(0x08, address[2]);
        assertEquals(0x06, address[3]);
        assertEquals(6, address[11]);
        assertTrue(address[12] == -1 && address[17] == -1 && address[18] == 0);
    }
}
