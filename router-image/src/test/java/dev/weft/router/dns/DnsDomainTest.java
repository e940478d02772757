package dev.weft.router.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class DnsDomainTest {
    private final DnsDomain domain = new DnsDomain("Weave.Local");

    @Test
    void theDomainIsKeptLowerCaseWithItsTrailingDot() {
        assertEquals("weave.local.", domain.name());
    }

    @Test
    void subdomainsAndTheDomainItselfAreInside() throws Exception {
        assertTrue(domain.contains("web.WEAVE.local."));
        assertTrue(domain.contains("a.b.weave.local."));
        assertFalse(domain.contains("web.notweave.local."));
        assertTrue(domain.contains(Name.fromString("WEB.weave.local.")));
        assertFalse(domain.contains(Name.fromString("weave.local.example.")));
    }

    @Test
    void aSingleLabelIsQualifiedAndLongerNamesAreLeftAlone() throws Exception {
        assertEquals(Name.fromString("web.weave.local."), domain.qualify(Name.fromString("web.")));
        assertEquals(Name.fromString("web.example."), domain.qualify(Name.fromString("web.example.")));
    }

    @Test
    void statusNamesDropTheDomain() {
        assertEquals("Web", domain.shorten("Web.weave.local."));
        assertEquals("other.example.", domain.shorten("other.example."));
    }

    @Test
    void anEmptyDomainIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DnsDomain("."));
        assertEquals("invalid DNS domain: .", e.getMessage());
    }
}
