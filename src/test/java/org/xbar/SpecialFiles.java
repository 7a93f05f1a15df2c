package org.xbar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Files that are not regular files, for tests of what xbar refuses to write over. */
public final class SpecialFiles {
    private SpecialFiles() {
    }

    /**
     * Creates a named pipe with {@code mkfifo}; the test is skipped where there is none.
     *
     * @param path where
     * @return {@code path}
     */
    public static Path fifo(Path path) {
        int code;
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            code = p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            code = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        Assumptions.assumeTrue(code == 0 && isFifo(path), "mkfifo is not available: FIFO test skipped");
        return path;
    }

    /**
     * @param path a path
     * @return true when a named pipe is there (not followed if it is a link)
     */
    public static boolean isFifo(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0010000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param dir a directory
     * @return the names of its entries that look like temporary files ({@code .name...tmp})
     */
    public static java.util.List<String> temporaryFiles(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && n.endsWith(".tmp"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
