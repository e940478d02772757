package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StartupWarmUpTest {

    /** A class renamed or dropped by a library update would make the warm-up skip it without a word. */
    @Test
    void everyClassTheWarmUpNamesIsOnTheRoutersClassPath() {
        ClassLoader loader = Weaver.class.getClassLoader();
        Stream.concat(StartupWarmUp.WITHOUT_SLF4J.stream(), StartupWarmUp.AFTER_LOGGING.stream())
                .forEach(name -> assertDoesNotThrow(() -> Class.forName(name, false, loader), name));
    }

    @Test
    void theResourceThatOpensEveryJarIsInNone() {
        assertNull(Weaver.class.getClassLoader().getResource(StartupWarmUp.ABSENT_RESOURCE));
    }
}
