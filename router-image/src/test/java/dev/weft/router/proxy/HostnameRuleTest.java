package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostnameRuleTest {

    @Test
    void byDefaultTheNameItself() {
        assertEquals("web-1", HostnameRule.DEFAULT.hostname("web-1", Map.of()));
        assertEquals("", HostnameRule.DEFAULT.hostname(null, null));
    }

    @Test
    void aNonEmptyLabelReplacesTheName() {
        HostnameRule rule = new HostnameRule("hostname", "(.*)", "$1");
        assertEquals("db", rule.hostname("c1", Map.of("hostname", "db")));
        assertEquals("c1", rule.hostname("c1", Map.of("hostname", "")));
        assertEquals("c1", rule.hostname("c1", Map.of("other", "x")));
    }

    @Test
    void goStyleReplacement() {
        // the original's documentation example: strip a prefix used by an orchestrator
        assertEquals("web", new HostnameRule("", "^aws-[0-9]+-(.*)$", "$1").hostname("aws-12-web", null));
        assertEquals("my-app.prod", new HostnameRule("", "^(?P<app>[a-z]+)_(?P<env>[a-z]+)$", "${app}-app.$env")
                .hostname("my_prod", null));
        assertEquals("x$y", new HostnameRule("", "a", "$$").hostname("xay", null));
        // $1x names a group "1x", which does not exist: it expands to nothing, as in Go
        assertEquals("-", new HostnameRule("", "(b)", "$1x-").hostname("b", null));
        assertEquals("bx-", new HostnameRule("", "(b)", "${1}x-").hostname("b", null));
        assertEquals("$", new HostnameRule("", "b", "$").hostname("b", null));
    }

    @Test
    void emptyMatchesAfterAMatchAreNotReplacedAsInGo() {
        // Java's replaceAll would give "abcXX" (one more empty match at the end)
        assertEquals("abcX", new HostnameRule("", "(.*)", "${1}X").hostname("abc", null));
        assertEquals("-a-b-", new HostnameRule("", "x*", "-").hostname("ab", null));
    }

    @Test
    void aBadPatternNamesTheFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HostnameRule("", "(", "$1"));
        assertEquals("--hostname-match (: Unclosed group", e.getMessage());
    }
}
