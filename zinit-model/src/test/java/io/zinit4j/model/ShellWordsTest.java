package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    private static List<String> split(String s) {
        return ShellWords.split(s).orElseThrow(() -> new AssertionError("did not split: " + s));
    }

    @Test
    void splitsOnBlanksAndQuotes() {
        assertEquals(List.of("status", "a b"), split("status \"a b\""));
        assertEquals(List.of("status", "a b"), split("status 'a b'"));
        assertEquals(List.of("sh", "-c", "trap \"\" TERM; sleep 1000"), split("sh -c 'trap \"\" TERM; sleep 1000'"));
        assertEquals(List.of("a", "b", "c"), split("  a\tb\nc  "));
        assertEquals(List.of(), split(""));
        assertEquals(List.of(), split("   "));
        assertEquals(List.of(""), split("''"));
        assertEquals(List.of("ab"), split("a'b'"));
        assertEquals(List.of("a\u00a0b"), split("a\u00a0b"), "only space, tab and newline separate words");
    }

    @Test
    void backslashRules() {
        assertEquals(List.of("a b"), split("a\\ b"));
        assertEquals(List.of("ab"), split("a\\\nb"), "backslash-newline continues the line");
        assertEquals(List.of("$`\"\\"), split("\"\\$\\`\\\"\\\\\""));
        assertEquals(List.of("\\n"), split("\"\\n\""), "other escapes in double quotes keep the backslash");
        assertEquals(List.of("\\n"), split("'\\n'"), "single quotes keep everything");
        assertEquals(List.of("n"), split("\\n"));
    }

    @Test
    void commentsStartOnlyAtAWord() {
        assertEquals(List.of("a"), split("a # comment"));
        assertEquals(List.of("a#b"), split("a#b"));
        assertEquals(List.of("a", "b"), split("a #c\nb"));
    }

    @Test
    void unbalancedInputIsRejected() {
        assertEquals(Optional.empty(), ShellWords.split("status \"abc"));
        assertEquals(Optional.empty(), ShellWords.split("echo 'oops"));
        assertEquals(Optional.empty(), ShellWords.split("a\\"));
        assertEquals(Optional.empty(), ShellWords.split("\"a\\"));
        assertEquals(Optional.empty(), ShellWords.split("foo\"#bar"), "a quote opened after # inside a word");
        assertEquals(Optional.empty(), ShellWords.split("'baz\\''"), "no escapes inside single quotes");
        assertEquals(Optional.empty(), ShellWords.split("'"));
    }

    @Test
    void agreesWithTheShlexCratesDocumentedCases() {
        assertEquals(List.of("foo$baz"), split("foo$baz"));
        assertEquals(List.of("foobarbaz"), split("foo\"bar\"baz"));
        assertEquals(List.of("foo", "barbaz"), split("foo \"bar\"baz"));
        assertEquals(List.of("foo", "bar"), split("   foo \nbar"));
        assertEquals(List.of("foobar"), split("\"foo\\\nbar\""));
        assertEquals(List.of("baz\\$b"), split("'baz\\$b'"));
        assertEquals(List.of("foo", "baz"), split("foo #bar\nbaz"));
        assertEquals(List.of("foo"), split("foo #bar"));
        assertEquals(List.of("a\rb"), split("a\rb"), "carriage return is not a separator");
    }

    @Test
    void quoteLeavesSafeWordsBare() {
        assertEquals("web", ShellWords.quote("web"));
        assertEquals("/usr/bin/x-y_z.1", ShellWords.quote("/usr/bin/x-y_z.1"));
        assertEquals("''", ShellWords.quote(""));
        assertEquals("'a b'", ShellWords.quote("a b"));
        assertEquals("'it'\\''s'", ShellWords.quote("it's"));
        assertEquals("'#x'", ShellWords.quote("#x"));
    }

    @Test
    void quoteRejectsLineEnds() {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.quote("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.quote("a\rb"));
    }

    @Test
    void joinRoundTrips() {
        List<String> words = List.of("kill", "my service", "SIGTERM", "", "'\"$`\\#");
        assertEquals(words, split(ShellWords.join(words)));
    }

    @Test
    void quoteRoundTripsForRandomStrings() {
        // Fixed seed: reproducible, and biased towards the characters the rules care about.
        Random r = new Random(20261127L);
        String special = " \t'\"\\$`#;&|<>(){}*?!~\u00a0\u00e9\u4e2d";
        for (int i = 0; i < 20_000; i++) {
            int len = r.nextInt(12);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < len; j++) {
                int pick = r.nextInt(4);
                if (pick == 0) {
                    b.append(special.charAt(r.nextInt(special.length())));
                } else if (pick == 1) {
                    char c;
                    do {
                        c = (char) r.nextInt(0x80);
                    } while (c == '\n' || c == '\r');
                    b.append(c);
                } else if (pick == 2) {
                    b.appendCodePoint(0x1F600 + r.nextInt(16));
                } else {
                    b.append((char) ('a' + r.nextInt(26)));
                }
            }
            String word = b.toString();
            assertEquals(List.of(word), split(ShellWords.quote(word)), () -> "word: " + escape(word));
            List<String> pair = new ArrayList<>(List.of(word, word + "x"));
            assertEquals(pair, split(ShellWords.join(pair)));
        }
    }

    @Test
    void everyCharacterAloneRoundTrips() {
        for (char c = 0; c < 0x3000; c++) {
            if (c == '\n' || c == '\r' || Character.isSurrogate(c)) {
                continue;
            }
            String w = String.valueOf(c);
            assertEquals(List.of(w), split(ShellWords.quote(w)), "char " + (int) c);
            assertTrue(ShellWords.quote(w).indexOf('\n') < 0);
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return b.toString();
    }
}
