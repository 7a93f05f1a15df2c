package org.xbar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.SpecialFiles;
import org.xbar.error.OutputFileException;
import org.xbar.error.OutputFileException.Kind;
import org.xbar.error.OutputFileException.Problem;
import org.xbar.error.XbarException;

/**
 * What writing a file does to what was at the path: symbolic links are written through, only
 * regular files we may write are replaced, permissions and owner stay, and nothing is left behind.
 * The tests on FIFOs time out rather than hang should a FIFO ever be opened for writing.
 */
class OutputFilesTest {
    @TempDir
    Path temp;

    /** The temporary directory's real path, as refusals name it. */
    private Path dir;

    @BeforeEach
    void realDirectory() throws IOException {
        dir = temp.toRealPath();
    }

    private static void write(Path file, String text) {
        CsvMatrix.writeAtomically(file, out -> out.write(text));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void assertNoTemporaryFiles(Path... dirs) {
        for (Path d : dirs) {
            assertEquals(List.of(), SpecialFiles.temporaryFiles(d), "temporary files left in " + d);
        }
    }

    @Test
    void writesThroughAnAbsoluteLink() throws IOException {
        Path target = dir.resolve("target.csv");
        Files.writeString(target, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        write(link, "new\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(target, Files.readSymbolicLink(link));
        assertEquals("new\n", read(target));
        assertNoTemporaryFiles(dir);
    }

    @Test
    void writesThroughARelativeLinkIntoAnotherDirectory() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path results = Files.createDirectories(dir.resolve("results"));
        Path target = data.resolve("target.csv");
        Files.writeString(target, "old\n");
        Path relative = Path.of("..", "data", "target.csv");
        Path link = Files.createSymbolicLink(results.resolve("link.csv"), relative);
        write(link, "new\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(relative, Files.readSymbolicLink(link));
        assertEquals("new\n", read(target));
        assertNoTemporaryFiles(data, results);
    }

    @Test
    void writesThroughALinkToALinkAndALinkedDirectory() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path target = real.resolve("target.csv");
        Files.writeString(target, "old\n");
        Path first = Files.createSymbolicLink(real.resolve("first.csv"), Path.of("target.csv"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), Path.of("real"));
        Path second = Files.createSymbolicLink(dir.resolve("second.csv"), Path.of("alias", "first.csv"));
        write(second, "new\n");
        assertEquals(Path.of("alias", "first.csv"), Files.readSymbolicLink(second));
        assertEquals(Path.of("target.csv"), Files.readSymbolicLink(first));
        assertEquals(Path.of("real"), Files.readSymbolicLink(alias));
        assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS));
        assertEquals("new\n", read(target));
        assertEquals(target, OutputFiles.check(second));
        assertNoTemporaryFiles(dir, real);
    }

    @Test
    void aDanglingLinkGetsItsTargetCreated() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("sub", "made.csv"));
        write(link, "new\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new\n", read(dir.resolve("sub").resolve("made.csv")));
    }

    @Test
    void aLoopOfLinksIsRefused() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        OutputFileException e = assertThrows(OutputFileException.class, () -> write(a, "x\n"));
        assertEquals(Problem.TOO_MANY_LINKS, e.problem());
        assertEquals(Kind.SYMBOLIC_LINK, e.kind());
        assertTrue(Files.isSymbolicLink(a) && Files.isSymbolicLink(b));
        assertNoTemporaryFiles(dir);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedAndStaysAFifo() {
        Path fifo = SpecialFiles.fifo(dir.resolve("pipe.csv"));
        Path link = dir.resolve("link.csv");
        try {
            Files.createSymbolicLink(link, fifo.getFileName());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Path named : List.of(fifo, link)) {
            OutputFileException e = assertThrows(OutputFileException.class, () -> write(named, "x\n"));
            assertEquals(Problem.NOT_REGULAR_FILE, e.problem());
            assertEquals(Kind.FIFO, e.kind());
            assertEquals(named, e.file());
            assertEquals(fifo, e.culprit());
            OutputFileException append = assertThrows(OutputFileException.class, () -> OutputFiles.append(named, "x\n"));
            assertEquals(Kind.FIFO, append.kind());
            assertEquals(Kind.FIFO, assertThrows(OutputFileException.class, () -> OutputFiles.check(named)).kind());
            assertEquals(Kind.FIFO, assertThrows(OutputFileException.class, () -> OutputFiles.requireRegular(named)).kind());
        }
        assertTrue(SpecialFiles.isFifo(fifo), "the FIFO was replaced");
        assertTrue(Files.isSymbolicLink(link));
        assertNoTemporaryFiles(dir);
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path target = Files.createDirectories(dir.resolve("out.csv"));
        Files.writeString(target.resolve("inside"), "kept\n");
        OutputFileException e = assertThrows(OutputFileException.class, () -> write(target, "x\n"));
        assertEquals(Problem.NOT_REGULAR_FILE, e.problem());
        assertEquals(Kind.DIRECTORY, e.kind());
        assertEquals(target, e.culprit());
        assertTrue(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS));
        assertEquals("kept\n", read(target.resolve("inside")));
        assertNoTemporaryFiles(dir);
    }

    @Test
    void aReadOnlyFileIsRefusedAndUnchanged() throws IOException {
        Path target = dir.resolve("frozen.csv");
        Files.writeString(target, "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target.getFileName());
        for (Path named : List.of(target, link)) {
            OutputFileException e = assertThrows(OutputFileException.class, () -> write(named, "new\n"));
            assertEquals(Problem.READ_ONLY, e.problem());
            assertEquals(Kind.REGULAR_FILE, e.kind());
            assertEquals(target, e.culprit());
            assertEquals(Problem.READ_ONLY,
                    assertThrows(OutputFileException.class, () -> OutputFiles.append(named, "new\n")).problem());
        }
        assertEquals("old\n", read(target));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(target, OutputFiles.requireRegular(link), "a read-only file may still be read");
        assertNoTemporaryFiles(dir);
    }

    @Test
    void permissionsAreKept() throws IOException {
        Path target = dir.resolve("private.csv");
        Files.writeString(target, "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        write(target, "new\n");
        OutputFiles.append(target, "more\n");
        assertEquals("new\nmore\n", read(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    /** Needs root (to give a file away): a file of "nobody" stays theirs when root rewrites it. */
    @Test
    void ownerAndGroupAreKept() throws IOException {
        Path target = dir.resolve("theirs.csv");
        Files.writeString(target, "old\n");
        UserPrincipalLookupService users = target.getFileSystem().getUserPrincipalLookupService();
        Optional<UserPrincipal> nobody = lookup(() -> users.lookupPrincipalByName("nobody"));
        Assumptions.assumeTrue(nobody.isPresent(), "no user \"nobody\": owner test skipped");
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        try {
            view.setOwner(nobody.get());
        } catch (IOException e) {
            Assumptions.abort("not root (cannot give a file away): owner test skipped");
        }
        GroupPrincipal group = lookup(() -> users.lookupPrincipalByGroupName("nogroup"))
                .orElse(view.readAttributes().group());
        view.setGroup(group);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        write(target, "new\n");
        PosixFileAttributes after = Files.readAttributes(target, PosixFileAttributes.class);
        assertEquals("new\n", read(target));
        assertEquals(nobody.get(), after.owner());
        assertEquals(group, after.group());
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(after.permissions()));
        assertNoTemporaryFiles(dir);
    }

    /** A user or group name looked up. */
    private interface Lookup<T> {
        T find() throws IOException;
    }

    private static <T> Optional<T> lookup(Lookup<T> lookup) {
        try {
            return Optional.of(lookup.find());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Test
    void aNewFileGetsItsDirectoriesAndOrdinaryPermissions() throws IOException {
        Path file = dir.resolve("a").resolve("b").resolve("new.png");
        OutputFiles.write(file, out -> out.write(new byte[] {1, 2, 3}));
        assertEquals(3, Files.size(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path appended = dir.resolve("c").resolve("log.csv");
        OutputFiles.append(appended, "one\n");
        OutputFiles.append(appended, "two\n");
        assertEquals("one\ntwo\n", read(appended));
    }

    @Test
    void aFileInThePlaceOfADirectoryIsNamed() throws IOException {
        Path blocker = dir.resolve("results");
        Files.writeString(blocker, "kept\n");
        Path file = blocker.resolve("sub").resolve("out.csv");
        for (Path named : List.of(file, blocker.resolve("out.csv"))) {
            OutputFileException e = assertThrows(OutputFileException.class, () -> write(named, "x\n"));
            assertEquals(Problem.PARENT_NOT_DIRECTORY, e.problem());
            assertEquals(Kind.REGULAR_FILE, e.kind());
            assertEquals(blocker, e.culprit());
            assertEquals(Problem.PARENT_NOT_DIRECTORY,
                    assertThrows(OutputFileException.class, () -> OutputFiles.check(named)).problem());
        }
        assertEquals("kept\n", read(blocker));
    }

    @Test
    void aFailedWriteThroughALinkLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path target = real.resolve("keep.csv");
        Files.writeString(target, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        XbarException e = assertThrows(XbarException.class, () -> CsvMatrix.writeAtomically(link, out -> {
            out.write("partial");
            throw new IOException("disk full");
        }));
        assertFalse(e instanceof OutputFileException, "a failure while writing is not a refusal");
        assertEquals("old\n", read(target));
        assertTrue(Files.isSymbolicLink(link));
        assertNoTemporaryFiles(dir, real);
    }
}
