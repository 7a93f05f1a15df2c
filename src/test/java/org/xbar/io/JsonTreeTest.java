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
        assertEquals("c.json", e.file(), e.getMessage());
        assertEquals(3, e.line(), "the line of the value, not of the key's object: " + e.getMessage());
        // the key path has no field: the message is where the user reads which key of line 3 is wrong
        assertTrue(e.getMessage().contains(" a[1].b: "), e.getMessage());
    }

    @Test
    void duplicateAndUnknownKeysAreErrors() {
        InputFormatException dup = assertThrows(InputFormatException.class,
                () -> JsonTree.parse("d.json", "{\"a\": 1,\n\"a\": 2}"));
        assertEquals("d.json", dup.file(), dup.getMessage());
        assertEquals(2, dup.line(), "the line of the second \"a\": " + dup.getMessage());
        JsonTree.Node root = JsonTree.parse("u.json", "{\"a\": 1,\n\"z\": 2}");
        InputFormatException unknown = assertThrows(InputFormatException.class, () -> root.requireKeys(Set.of("a")));
        assertEquals("u.json", unknown.file(), unknown.getMessage());
        assertEquals(2, unknown.line(), "the line of \"z\": " + unknown.getMessage());
        // the keys allowed have no field: the message is where the user reads them
        assertTrue(unknown.getMessage().endsWith("; known keys: a"), unknown.getMessage());
    }

    @Test
    void rangesAndWholeNumbersAreChecked() {
        JsonTree.Node root = JsonTree.parse("r.json", "{\"n\": 2.5}");
        InputFormatException fraction = assertThrows(InputFormatException.class, () -> root.get("n").integer(1, 8));
        assertEquals("r.json", fraction.file(), fraction.getMessage());
        assertEquals(1, fraction.line(), fraction.getMessage());
        InputFormatException outside = assertThrows(InputFormatException.class, () -> root.get("n").number(0, 1, "volt"));
        assertEquals("r.json", outside.file(), outside.getMessage());
        assertEquals(1, outside.line(), outside.getMessage());
        // the allowed range has no field: the message is where the user reads it
        assertTrue(fraction.getMessage().contains("must be a whole number in [1, 8]"), fraction.getMessage());
        assertTrue(outside.getMessage().contains("must be in [0, 1] volt"), outside.getMessage());
    }
}
