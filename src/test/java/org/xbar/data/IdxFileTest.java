package org.xbar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.error.InputFormatException;

/** Reading IDX files: plain and gzipped round trips, and every malformed file refused at its byte. */
class IdxFileTest {

    /** 3 images of 2 x 4 pixels, value k = (37 k) mod 256 so that bytes above 127 occur. */
    private static byte[] pixels() {
        byte[] v = new byte[3 * 2 * 4];
        for (int k = 0; k < v.length; k++) {
            v[k] = (byte) (37 * k % 256);
        }
        return v;
    }

    private static void assertImages(IdxFile idx) {
        assertEquals(IdxFile.IMAGES_MAGIC, idx.magic());
        assertEquals(3, idx.count());
        assertEquals(2, idx.rows());
        assertEquals(4, idx.columns());
        assertEquals(8, idx.itemLength());
        assertEquals(16, idx.headerLength());
        int[] values = idx.values();
        double[] fractions = idx.fractions();
        assertEquals(24, values.length);
        for (int k = 0; k < 24; k++) {
            assertEquals(37 * k % 256, values[k], "value " + k);
            assertEquals(37 * k % 256, idx.value(k), "value " + k);
            assertEquals((37 * k % 256) / 255.0, fractions[k], 0, "fraction " + k);
        }
    }

    @Test
    void roundTripsPlainAndGzippedImagesAndLabels(@TempDir Path dir) throws IOException {
        byte[] images = IdxFiles.images(3, 2, 4, pixels());
        assertImages(IdxFile.read(IdxFiles.write(dir.resolve("images.idx"), images)));
        assertImages(IdxFile.read(IdxFiles.write(dir.resolve("images.idx.gz"), IdxFiles.gzip(images))));

        byte[] labels = IdxFiles.labels(7, 0, 255, 3);
        for (Path file : new Path[] {IdxFiles.write(dir.resolve("labels"), labels),
            IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.gzip(labels))}) {
            IdxFile idx = IdxFile.read(file, IdxFile.LABELS_MAGIC);
            assertEquals(file, idx.file());
            assertEquals(IdxFile.LABELS_MAGIC, idx.magic());
            assertEquals(4, idx.count());
            assertEquals(1, idx.itemLength());
            assertEquals(8, idx.headerLength());
            assertArrayEquals(new int[] {7, 0, 255, 3}, idx.values());
        }
    }

    @Test
    void detectsGzipByItsMagicBytesNotByTheName(@TempDir Path dir) throws IOException {
        byte[] images = IdxFiles.images(3, 2, 4, pixels());
        assertImages(IdxFile.read(IdxFiles.write(dir.resolve("plain.gz"), images)));
        assertImages(IdxFile.read(IdxFiles.write(dir.resolve("compressed.idx"), IdxFiles.gzip(images))));
    }

    private static InputFormatException refused(Path file) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> IdxFile.read(file));
        assertEquals(file.toString(), e.file(), e.getMessage());
        return e;
    }

    @Test
    void refusesTruncatedFilesAtTheByteWhereTheyEnd(@TempDir Path dir) throws IOException {
        byte[] images = IdxFiles.images(3, 2, 4, pixels());
        assertEquals(10, refused(IdxFiles.write(dir.resolve("header"), Arrays.copyOf(images, 10))).byteOffset());
        assertEquals(2, refused(IdxFiles.write(dir.resolve("magic"), Arrays.copyOf(images, 2))).byteOffset());
        assertEquals(0, refused(IdxFiles.write(dir.resolve("empty"), new byte[0])).byteOffset());
        assertEquals(16 + 23, refused(IdxFiles.write(dir.resolve("data"), Arrays.copyOf(images, 16 + 23))).byteOffset());
        assertEquals(16 + 5, refused(IdxFiles.write(dir.resolve("data.gz"),
                IdxFiles.gzip(Arrays.copyOf(images, 16 + 5)))).byteOffset());
        byte[] gz = IdxFiles.gzip(images);
        refused(IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12)));
    }

    @Test
    void refusesTrailingBytes(@TempDir Path dir) throws IOException {
        byte[] images = Arrays.copyOf(IdxFiles.images(3, 2, 4, pixels()), 16 + 24 + 3);
        assertEquals(16 + 24, refused(IdxFiles.write(dir.resolve("long"), images)).byteOffset());
        assertEquals(16 + 24, refused(IdxFiles.write(dir.resolve("long.gz"), IdxFiles.gzip(images))).byteOffset());
        byte[] labels = Arrays.copyOf(IdxFiles.labels(1, 2), 8 + 2 + 1);
        assertEquals(8 + 2, refused(IdxFiles.write(dir.resolve("labels"), labels)).byteOffset());
    }

    @Test
    void refusesOtherMagicNumbersAndEmptyImages(@TempDir Path dir) throws IOException {
        for (int magic : new int[] {0x00000802, 0x00000c03, 0x00000d01, 0x01000803, 0x03080000}) {
            byte[] file = IdxFiles.bytes(magic, new int[] {3, 2, 4}, pixels());
            assertEquals(0, refused(IdxFiles.write(dir.resolve("magic"), file)).byteOffset(), Integer.toHexString(magic));
        }
        assertEquals(8, refused(IdxFiles.write(dir.resolve("rows"), IdxFiles.images(3, 0, 4, new byte[0]))).byteOffset());
        assertEquals(12, refused(IdxFiles.write(dir.resolve("cols"), IdxFiles.images(3, 2, 0, new byte[0]))).byteOffset());
        assertEquals(4, refused(IdxFiles.write(dir.resolve("huge"), IdxFiles.images(-1, 28, 28, new byte[0])))
                .byteOffset());
        assertEquals(0, IdxFile.read(IdxFiles.write(dir.resolve("none"), IdxFiles.images(0, 28, 28, new byte[0]))).count());
    }

    @Test
    void refusesTheOtherKindAndMissingFiles(@TempDir Path dir) throws IOException {
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(1, 2));
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> IdxFile.read(labels, IdxFile.IMAGES_MAGIC));
        assertEquals(labels.toString(), e.file());
        assertEquals(0, e.byteOffset());
        Path missing = dir.resolve("missing.gz");
        InputFormatException absent = assertThrows(InputFormatException.class, () -> IdxFile.read(missing));
        assertEquals(missing.toString(), absent.file());
        assertEquals(-1, absent.byteOffset());
    }
}
