package org.xbar.error;

import java.nio.file.Path;

/**
 * A path xbar will not write: a FIFO, a device, a directory or a socket where a file should go, a
 * read-only file, a parent that is not a directory or not writable, a loop of symbolic links. The
 * message names the file as the user gave it and the path at fault (the real file behind symbolic
 * links, or the directory); the command line exits with 2, as for any other bad argument.
 */
public class OutputFileException extends XbarException {
    private static final long serialVersionUID = 1L;

    /** Why the file is not written. */
    public enum Problem {
        /** Something other than a regular file is at the path: xbar replaces only regular files. */
        NOT_REGULAR_FILE,
        /** A regular file without write permission for its owner or for us: it is left as it is. */
        READ_ONLY,
        /** A component of the file's directory exists and is not a directory. */
        PARENT_NOT_DIRECTORY,
        /** The directory that would hold the file (or its temporary copy) is not writable. */
        DIRECTORY_NOT_WRITABLE,
        /** Too many symbolic links in a row (most likely a loop). */
        TOO_MANY_LINKS
    }

    /** What is at the path at fault. */
    public enum Kind {
        /** A regular file. */
        REGULAR_FILE("a regular file"),
        /** A directory. */
        DIRECTORY("a directory"),
        /** A symbolic link. */
        SYMBOLIC_LINK("a symbolic link"),
        /** A named pipe. */
        FIFO("a FIFO"),
        /** A character device such as {@code /dev/null}. */
        CHARACTER_DEVICE("a character device"),
        /** A block device such as a disk. */
        BLOCK_DEVICE("a block device"),
        /** A Unix domain socket. */
        SOCKET("a socket"),
        /** Anything else the file system reports as neither file, directory nor link. */
        OTHER("not a regular file");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** @return the kind as a phrase for messages, such as "a FIFO" */
        public String description() {
            return description;
        }
    }

    private final Path file;
    private final Path culprit;
    private final Problem problem;
    private final Kind kind;

    /**
     * @param file    the file as the user (or the command) named it
     * @param culprit the path at fault: the real file behind any symbolic links, or the directory
     * @param problem why it is not written
     * @param kind    what is at {@code culprit}
     * @param detail  what is wrong, a sentence naming {@code culprit}
     */
    public OutputFileException(Path file, Path culprit, Problem problem, Kind kind, String detail) {
        super("cannot write " + file + ": " + detail);
        this.file = file;
        this.culprit = culprit;
        this.problem = problem;
        this.kind = kind;
    }

    /** @return the file as it was named */
    public Path file() {
        return file;
    }

    /** @return the path at fault: the real file behind symbolic links, or a directory */
    public Path culprit() {
        return culprit;
    }

    /** @return why the file is not written */
    public Problem problem() {
        return problem;
    }

    /** @return what is at {@link #culprit()} */
    public Kind kind() {
        return kind;
    }
}
