package org.xbar.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.xbar.error.InputFormatException;

/**
 * An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST, read whole and checked.
 * The format (LeCun, Cortes and Burges, "The MNIST database of handwritten digits"): a 4-byte
 * big-endian magic number {@code 0x0000TTDD} - two zero bytes, the type {@code TT} ({@code 0x08}:
 * unsigned byte), the number of dimensions {@code DD} - then each dimension as a 4-byte big-endian
 * unsigned integer, then the values, the last dimension varying fastest. Two kinds are read:
 * <ul>
 * <li>{@link #LABELS_MAGIC} {@code 0x00000801}: one dimension (count), 8 header bytes, one label a byte;</li>
 * <li>{@link #IMAGES_MAGIC} {@code 0x00000803}: three dimensions (count x rows x columns), 16 header
 * bytes, one pixel a byte, each image row after row.</li>
 * </ul>
 *
 * <p>A file that starts with the gzip magic bytes {@code 1f 8b} is decompressed on the fly (the
 * data sets are distributed as {@code .gz}); the name does not matter. Every problem - another
 * magic number, a zero row or column dimension, a file shorter or longer than its header says, a
 * corrupt gzip stream - is an {@link InputFormatException} naming the file and the byte offset
 * ({@link InputFormatException#byteOffset()}), counted in the decompressed content.
 */
public final class IdxFile {
    /** Magic number of a labels file: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of an images file: unsigned bytes, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final double[] FRACTIONS = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            FRACTIONS[v] = v / 255.0;
        }
    }

    private final Path file;
    private final int magic;
    private final int count;
    private final int rows;
    private final int columns;
    private final byte[] values;

    private IdxFile(Path file, int magic, int count, int rows, int columns, byte[] values) {
        this.file = file;
        this.magic = magic;
        this.count = count;
        this.rows = rows;
        this.columns = columns;
        this.values = values;
    }

    /**
     * @param file an IDX file of labels or images, plain or gzip-compressed
     * @return its header and values
     * @throws InputFormatException naming the file and byte offset of the first problem, or saying
     *                              that the file does not exist
     */
    public static IdxFile read(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        Counter in = null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream content = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                in = new Counter(content);
                return read(file, in);
            }
        } catch (NoSuchFileException e) {
            throw new InputFormatException(name, 0, 0, "file not found");
        } catch (IOException e) {
            long at = in == null ? 0 : in.position;
            throw InputFormatException.atByte(name, at, "cannot read (a corrupt or truncated gzip stream?): " + e);
        }
    }

    /**
     * @param file an IDX file, plain or gzip-compressed
     * @param magic {@link #LABELS_MAGIC} or {@link #IMAGES_MAGIC}
     * @return the file, when it has that magic number
     * @throws InputFormatException naming the file when it cannot be read or is of the other kind
     */
    public static IdxFile read(Path file, int magic) {
        IdxFile idx = read(file);
        if (idx.magic != magic) {
            throw InputFormatException.atByte(file.toString(), 0, "is " + kind(idx.magic) + " (magic number "
                    + hex(idx.magic) + "), " + kind(magic) + " (" + hex(magic) + ") were expected");
        }
        return idx;
    }

    private static IdxFile read(Path file, Counter in) throws IOException {
        String name = file.toString();
        byte[] header = new byte[16];
        readHeader(name, in, header, 0, 4, "magic number");
        int magic = bigEndian(header, 0);
        if (magic != LABELS_MAGIC && magic != IMAGES_MAGIC) {
            throw InputFormatException.atByte(name, 0, "magic number " + hex(magic) + " is not that of an IDX file of "
                    + "unsigned bytes (type " + String.format("0x%02x", UNSIGNED_BYTE) + ") with 1 dimension ("
                    + hex(LABELS_MAGIC) + ", labels) or 3 dimensions (" + hex(IMAGES_MAGIC) + ", images)");
        }
        int dimensions = magic & 0xff;
        int headerLength = 4 + 4 * dimensions;
        readHeader(name, in, header, 4, headerLength - 4, "dimensions");
        long[] size = new long[3];
        long total = 1;
        for (int d = 0; d < dimensions; d++) {
            size[d] = bigEndian(header, 4 + 4 * d) & 0xffffffffL;
            if (d > 0 && size[d] == 0) {
                throw InputFormatException.atByte(name, 4 + 4 * d, "dimension " + d + " is 0; an image needs at least "
                        + "one row and one column");
            }
            total *= size[d];
            if (total > Integer.MAX_VALUE - 16) {
                throw InputFormatException.atByte(name, 4 + 4 * d, "dimensions " + dimensionsText(header, d + 1)
                        + " call for more than " + (Integer.MAX_VALUE - 16) + " values, too many for one array");
            }
        }
        byte[] values = new byte[(int) total];
        int got = in.readFully(values);
        if (got < values.length) {
            throw InputFormatException.atByte(name, headerLength + (long) got, "truncated: the dimensions "
                    + dimensionsText(header, dimensions) + " call for " + values.length + " value bytes after the "
                    + headerLength + "-byte header, the file ends after " + got);
        }
        if (in.read() != -1) {
            throw InputFormatException.atByte(name, headerLength + (long) values.length, "trailing bytes after the "
                    + values.length + " value bytes that the dimensions " + dimensionsText(header, dimensions) + " call for");
        }
        if (dimensions == 1) {
            return new IdxFile(file, magic, (int) size[0], 1, 1, values);
        }
        return new IdxFile(file, magic, (int) size[0], (int) size[1], (int) size[2], values);
    }

    private static void readHeader(String name, Counter in, byte[] header, int from, int length, String what)
            throws IOException {
        int got = in.readFully(header, from, length);
        if (got < length) {
            throw InputFormatException.atByte(name, from + (long) got, "truncated: the file ends inside the "
                    + what + " of the IDX header");
        }
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private static String dimensionsText(byte[] header, int dimensions) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < dimensions; d++) {
            sb.append(d == 0 ? "" : " x ").append(bigEndian(header, 4 + 4 * d) & 0xffffffffL);
        }
        return sb.toString();
    }

    private static String hex(int magic) {
        return String.format("0x%08x", magic);
    }

    private static String kind(int magic) {
        return magic == LABELS_MAGIC ? "labels" : "images";
    }

    /** @return the file as given to {@link #read(Path)} */
    public Path file() {
        return file;
    }

    /** @return {@link #LABELS_MAGIC} or {@link #IMAGES_MAGIC} */
    public int magic() {
        return magic;
    }

    /** @return the first dimension: the number of labels or images */
    public int count() {
        return count;
    }

    /** @return rows per image; 1 for labels */
    public int rows() {
        return rows;
    }

    /** @return columns per image; 1 for labels */
    public int columns() {
        return columns;
    }

    /** @return values per item: {@code rows() * columns()}, 1 for labels */
    public int itemLength() {
        return rows * columns;
    }

    /**
     * @return the header's length in bytes (8 for labels, 16 for images): value {@code i} is at
     *         byte offset {@code headerLength() + i} of the (decompressed) file
     */
    public int headerLength() {
        return magic == LABELS_MAGIC ? 8 : 16;
    }

    /**
     * @param index value, {@code 0 .. count() * itemLength() - 1}: pixel {@code p} of image
     *              {@code k} is value {@code k * itemLength() + p}
     * @return the value, an unsigned byte 0 to 255
     * @throws IndexOutOfBoundsException when {@code index} is outside its range
     */
    public int value(int index) {
        return values[Objects.checkIndex(index, values.length)] & 0xff;
    }

    /** @return every value as an unsigned byte 0 to 255, {@code count() * itemLength()} of them */
    public int[] values() {
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] & 0xff;
        }
        return out;
    }

    /** @return every value divided by 255, so pixels lie in [0, 1], {@code count() * itemLength()} of them */
    public double[] fractions() {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = FRACTIONS[values[i] & 0xff];
        }
        return out;
    }

    @Override
    public String toString() {
        return "IdxFile[" + file + ": " + kind(magic) + ", " + count + (magic == IMAGES_MAGIC ? " x " + rows + " x " + columns : "")
                + "]";
    }

    /** Counts the bytes read, so that an I/O error can say where it happened. */
    private static final class Counter {
        private final InputStream in;
        private long position;

        Counter(InputStream in) {
            this.in = in;
        }

        int readFully(byte[] into) throws IOException {
            return readFully(into, 0, into.length);
        }

        int readFully(byte[] into, int from, int length) throws IOException {
            int got = 0;
            while (got < length) {
                int n = in.read(into, from + got, length - got);
                if (n < 0) {
                    break;
                }
                got += n;
                position += n;
            }
            return got;
        }

        int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }
    }
}
