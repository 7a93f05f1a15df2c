package org.xbar.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.xbar.error.OutputFileException;
import org.xbar.error.OutputFileException.Kind;
import org.xbar.error.OutputFileException.Problem;
import org.xbar.error.XbarException;

/**
 * Every file xbar writes goes through here, so that writing never clobbers what was at the path:
 * <ul>
 * <li>A symbolic link is followed (relative links from the link's directory, links to links up to
 *     {@value #MAX_LINKS} deep) and the real file is written; the link stays as it was.</li>
 * <li>Only regular files are replaced. A FIFO, a device, a directory or a socket at the real path
 *     is refused ({@link Problem#NOT_REGULAR_FILE}) and left alone: nothing is renamed over it and
 *     nothing is written into it.</li>
 * <li>A read-only file is refused ({@link Problem#READ_ONLY}): one we may not write, and one whose
 *     owner has no write permission (which a process running as root could otherwise write).</li>
 * <li>An existing file keeps its permissions, owner and group. Where the owner or group cannot be
 *     given to the new content (another user's file that we may write, but not run as root), the
 *     file is written in place instead of replaced, which keeps them (and its hard links).</li>
 * <li>Otherwise the content goes to a temporary file beside the real file, which is then renamed
 *     over it atomically: a failure never leaves a half-written or emptied file, and never leaves
 *     the temporary file behind. A new file gets {@code rw-r--r--}.</li>
 * <li>Missing directories are created; a path component that is not a directory, or a directory
 *     we cannot write, is refused naming it.</li>
 * </ul>
 * The checks and the rename are separate system calls: a file swapped for a FIFO in between is
 * not detected. Refusals are {@link OutputFileException}s, which the command line reports as bad
 * usage (exit code 2).
 */
public final class OutputFiles {
    /** Symbolic links followed in a row before giving up (the Linux kernel's limit). */
    static final int MAX_LINKS = 40;
    /** Permissions of a new file; temporary files are created private to their owner. */
    private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS =
            Set.copyOf(PosixFilePermissions.fromString("rw-r--r--"));
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private OutputFiles() {
    }

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where to write (buffered; it need not be closed)
         * @throws IOException when writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes a file by the rules of this class: the real file behind any symbolic links is replaced
     * atomically (or written in place where only that keeps its owner), and only if it is a
     * regular file we may write, or absent.
     *
     * @param file    the file
     * @param content what to write
     * @throws OutputFileException when the path is not one xbar writes (nothing is changed)
     * @throws XbarException       when writing fails (the old file, if any, is left as it was)
     */
    public static void write(Path file, Content content) {
        Path temp = null;
        try {
            Path real = realFile(file, Directories.CREATE);
            boolean exists = requireWritable(file, real);
            Path dir = real.getParent();
            try {
                temp = Files.createTempFile(dir, "." + real.getFileName(), ".tmp");
            } catch (AccessDeniedException e) {
                throw new OutputFileException(file, dir, Problem.DIRECTORY_NOT_WRITABLE, Kind.DIRECTORY,
                        dir + " is a directory we may not write");
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.write(out);
            }
            if (exists && !takeOwnerAndGroup(real, temp)) {
                copyInPlace(temp, real);
                return;
            }
            if (posix(temp)) {
                Files.setPosixFilePermissions(temp, exists ? Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS)
                        : NEW_FILE_PERMISSIONS);
            }
            try {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new XbarException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new XbarException("cannot write " + file + ": " + e.getCause().getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is ours; nothing else to lose
                }
            }
        }
    }

    /**
     * Appends text (UTF-8) to the real file behind any symbolic links, in place and synchronously,
     * creating it (and its directories) when absent. Refuses what {@link #write} refuses.
     *
     * @param file the file
     * @param text what to append
     * @throws OutputFileException when the path is not one xbar writes (nothing is changed)
     * @throws XbarException       when writing fails
     */
    public static void append(Path file, CharSequence text) {
        try {
            Path real = realFile(file, Directories.CREATE);
            requireWritable(file, real);
            Files.writeString(real, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, StandardOpenOption.DSYNC, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new XbarException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks, without creating or changing anything, that {@link #write} would write the file: for
     * commands to refuse a bad output path before they compute.
     *
     * @param file the file
     * @return the real file behind any symbolic links (it need not exist)
     * @throws OutputFileException when the path is not one xbar writes
     */
    public static Path check(Path file) {
        try {
            Path real = realFile(file, Directories.CHECK);
            requireWritable(file, real);
            Path dir = real.getParent();
            if (dir != null && Files.isDirectory(dir) && !Files.isWritable(dir)) {
                throw new OutputFileException(file, dir, Problem.DIRECTORY_NOT_WRITABLE, Kind.DIRECTORY,
                        dir + " is a directory we may not write");
            }
            return real;
        } catch (IOException e) {
            throw new XbarException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The real file behind a file to be read and then written (such as a sweep's results, which it
     * appends to): refuses anything but a regular file, without creating or changing anything.
     * Unlike {@link #check}, a read-only file is accepted.
     *
     * @param file the file
     * @return the real file behind any symbolic links (it need not exist)
     * @throws OutputFileException when something other than a regular file is there
     */
    public static Path requireRegular(Path file) {
        try {
            Path real = realFile(file, Directories.CHECK);
            existingRegular(file, real);
            return real;
        } catch (IOException e) {
            throw new XbarException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether resolving a path may create its missing directories. */
    private enum Directories {
        CREATE,
        CHECK
    }

    /**
     * Follows symbolic links: in the directories (through the real path of each parent) and at the
     * file itself, a relative link from the directory holding it.
     */
    private static Path realFile(Path file, Directories directories) throws IOException {
        Path path = file.toAbsolutePath();
        for (int links = 0;; links++) {
            Path parent = path.getParent();
            if (parent == null) {
                return path;
            }
            if (Files.isDirectory(parent)) {
                parent = parent.toRealPath();
            } else if (directories == Directories.CREATE) {
                parent = createDirectories(file, parent);
            } else {
                requireDirectoryAncestor(file, parent);
                return path;
            }
            path = parent.resolve(path.getFileName());
            if (!Files.isSymbolicLink(path)) {
                return path;
            }
            if (links == MAX_LINKS) {
                throw new OutputFileException(file, path, Problem.TOO_MANY_LINKS, Kind.SYMBOLIC_LINK,
                        path + " is a symbolic link after " + MAX_LINKS + " others (a loop?)");
            }
            path = parent.resolve(Files.readSymbolicLink(path));
        }
    }

    private static Path createDirectories(Path file, Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            requireDirectoryAncestor(file, dir);
            throw e;
        }
        return dir.toRealPath();
    }

    /**
     * Refuses a directory path whose closest existing ancestor is not a directory, or is one we
     * cannot write (so the rest cannot be created).
     */
    private static void requireDirectoryAncestor(Path file, Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            Kind kind = kind(existing.toRealPath());
            throw new OutputFileException(file, existing, Problem.PARENT_NOT_DIRECTORY, kind,
                    existing + " is " + kind.description() + ", not a directory");
        }
        if (!existing.equals(dir) && !Files.isWritable(existing)) {
            throw new OutputFileException(file, existing, Problem.DIRECTORY_NOT_WRITABLE, Kind.DIRECTORY,
                    existing + " is a directory we may not write (to create " + dir + " in)");
        }
    }

    /** @return whether the real file exists (then it is a regular file) */
    private static boolean existingRegular(Path file, Path real) throws IOException {
        if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Kind kind = kind(real);
        if (kind != Kind.REGULAR_FILE) {
            throw new OutputFileException(file, real, Problem.NOT_REGULAR_FILE, kind,
                    real + " is " + kind.description() + ", not a regular file; xbar writes only regular files");
        }
        return true;
    }

    /** @return whether the real file exists (then it is a regular file we may replace) */
    private static boolean requireWritable(Path file, Path real) throws IOException {
        if (!existingRegular(file, real)) {
            return false;
        }
        boolean ownerMayWrite = !posix(real)
                || Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_WRITE);
        if (!ownerMayWrite || !Files.isWritable(real)) {
            throw new OutputFileException(file, real, Problem.READ_ONLY, Kind.REGULAR_FILE,
                    real + " is read-only; make it writable or write elsewhere");
        }
        return true;
    }

    private static Kind kind(Path real) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isRegularFile()) {
            return Kind.REGULAR_FILE;
        }
        if (attributes.isDirectory()) {
            return Kind.DIRECTORY;
        }
        if (attributes.isSymbolicLink()) {
            return Kind.SYMBOLIC_LINK;
        }
        try {
            int mode = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            switch (mode & S_IFMT) {
                case S_IFIFO:
                    return Kind.FIFO;
                case S_IFCHR:
                    return Kind.CHARACTER_DEVICE;
                case S_IFBLK:
                    return Kind.BLOCK_DEVICE;
                case S_IFSOCK:
                    return Kind.SOCKET;
                default:
                    return Kind.OTHER;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Kind.OTHER;
        }
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    /**
     * Gives the temporary file the owner and group of the file it replaces, where they differ.
     *
     * @return false when that is not allowed (we are not root and the file is someone else's)
     */
    private static boolean takeOwnerAndGroup(Path real, Path temp) throws IOException {
        if (!posix(temp)) {
            return true;
        }
        PosixFileAttributes target = Files.readAttributes(real, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes ours = Files.readAttributes(temp, PosixFileAttributes.class);
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        try {
            if (!target.owner().equals(ours.owner())) {
                view.setOwner(target.owner());
            }
            if (!target.group().equals(ours.group())) {
                view.setGroup(target.group());
            }
            return true;
        } catch (FileSystemException e) {
            return false;
        }
    }

    /** Copies the finished content over the file's own bytes: its inode, owner and permissions stay. */
    private static void copyInPlace(Path temp, Path real) throws IOException {
        try (OutputStream out = Files.newOutputStream(real, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(temp, out);
        }
    }
}
