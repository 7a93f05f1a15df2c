package org.xbar.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes synthetic IDX files (big-endian header, unsigned byte values), plain or gzip-compressed. */
final class IdxFiles {
    private IdxFiles() {
    }

    /**
     * @param magic      the magic number to write
     * @param dimensions the dimensions to write
     * @param values     the value bytes
     * @return the file's bytes
     */
    static byte[] bytes(int magic, int[] dimensions, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dimensions.length + values.length);
        b.putInt(magic);
        for (int d : dimensions) {
            b.putInt(d);
        }
        return b.put(values).array();
    }

    /** @return the bytes of an images file of {@code count x rows x columns} values */
    static byte[] images(int count, int rows, int columns, byte[] values) {
        return bytes(IdxFile.IMAGES_MAGIC, new int[] {count, rows, columns}, values);
    }

    /** @return the bytes of a labels file */
    static byte[] labels(int... labels) {
        byte[] values = new byte[labels.length];
        for (int k = 0; k < labels.length; k++) {
            values[k] = (byte) labels[k];
        }
        return bytes(IdxFile.LABELS_MAGIC, new int[] {labels.length}, values);
    }

    /** @return {@code content} gzip-compressed */
    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    /** Writes {@code content} to {@code file} and returns the file. */
    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }
}
