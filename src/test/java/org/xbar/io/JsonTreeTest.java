package org.xbar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbar.error.InputFormatException;

/** JSON values that remember their line and path, for error messages. */
class JsonTreeTest {

    @Test
    void valuesKnowTheirLineAndPath() {
        JsonTree.Node root = JsonTree.parse("c.json", "{\n \"a\": [1,\n  {\"b\": true}],\n \"s\": \"x\"}");
        JsonTree.Node b = root.get("a").list().get(1).get("b");
        assertEquals(3, b.line());
        assertEquals("a[1].b", b.path());
        assertTrue(b.bool());
        assertEquals(1.0, root.get("a").list().get(0).number());
        assertEquals(1, root.get("s").list().size(), "a single value reads as a list of one");
        InputFormatException e = assertThrows(InputFormatException.class, () -> root.get("a").list().get(1).get("b").text());
        assertEquals("c.json:3: a[1].b: must be a string, got true", e.getMessage());
    }

    @Test
    void duplicateAndUnknownKeysAreErrors() {
        InputFormatException dup = assertThrows(InputFormatException.class,
                () -> JsonTree.parse("d.json", "{\"a\": 1,\n\"a\": 2}"));
        assertEquals(2, dup.line(), dup.getMessage());
        assertTrue(dup.getMessage().contains("Duplicate field 'a'"), dup.getMessage());
        JsonTree.Node root = JsonTree.parse("u.json", "{\"a\": 1,\n\"z\": 2}");
        InputFormatException unknown = assertThrows(InputFormatException.class, () -> root.requireKeys(Set.of("a")));
        assertEquals("u.json:2: z: unknown key \"z\"; known keys: a", unknown.getMessage());
    }

    @Test
    void rangesAndWholeNumbersAreChecked() {
        JsonTree.Node root = JsonTree.parse("r.json", "{\"n\": 2.5}");
        assertEquals("r.json:1: n: must be a whole number in [1, 8], got 2.5",
                assertThrows(InputFormatException.class, () -> root.get("n").integer(1, 8)).getMessage());
        assertEquals("r.json:1: n: must be in [0, 1] volt, got 2.5",
                assertThrows(InputFormatException.class, () -> root.get("n").number(0, 1, "volt")).getMessage());
    }
}
