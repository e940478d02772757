package dev.weft.router.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExecIptablesTest {

    @Test
    void legacyOnlyWhenOnlyTheLegacyTablesHoldRules() {
        assertEquals("iptables-legacy", ExecIptables.chooseProgram(12, 0));
        assertEquals("iptables-legacy", ExecIptables.chooseProgram(12, -1));
        assertEquals("iptables", ExecIptables.chooseProgram(0, 0));
        assertEquals("iptables", ExecIptables.chooseProgram(0, 7));
        assertEquals("iptables", ExecIptables.chooseProgram(3, 7));
        assertEquals("iptables", ExecIptables.chooseProgram(-1, -1));
    }
}
