package dev.weft.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdkSelectorProviderTest {
    private final String before = System.getProperty(JdkSelectorProvider.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(JdkSelectorProvider.PROPERTY);
        } else {
            System.setProperty(JdkSelectorProvider.PROPERTY, before);
        }
    }

    @Test
    void namesTheJdksEpollProviderWhenNothingIsNamed() {
        System.clearProperty(JdkSelectorProvider.PROPERTY);
        JdkSelectorProvider.name();
        assertEquals(JdkSelectorProvider.EPOLL, System.getProperty(JdkSelectorProvider.PROPERTY));
    }

    @Test
    void leavesAChoiceAlreadyMadeAlone() {
        System.setProperty(JdkSelectorProvider.PROPERTY, "com.example.Provider");
        JdkSelectorProvider.name();
        assertEquals("com.example.Provider", System.getProperty(JdkSelectorProvider.PROPERTY));
    }

    @Test
    void knowsWhichClassesTheJdkHas() {
        assertTrue(JdkSelectorProvider.jdkHas(JdkSelectorProvider.EPOLL));
        assertFalse(JdkSelectorProvider.jdkHas("sun.nio.ch.NoSuchSelectorProvider"));
    }
}
