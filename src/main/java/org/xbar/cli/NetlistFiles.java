package org.xbar.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.xbar.error.InputFormatException;
import org.xbar.spice.Netlist;
import org.xbar.spice.NetlistReader;

/** Reads netlist files for the commands. */
final class NetlistFiles {
    private NetlistFiles() {
    }

    /**
     * @param file a file that must exist
     * @return the file
     * @throws InputFormatException when it does not
     */
    static Path existing(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputFormatException(file.toString(), 0, 0, "is a directory, not a netlist file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputFormatException(file.toString(), 0, 0, "file not found");
        }
        return file;
    }

    /**
     * @param file a netlist file
     * @return the parsed netlist
     * @throws InputFormatException when the file is missing, a directory or unreadable, or
     *                              {@link org.xbar.error.NetlistException} where the reader refuses it
     */
    static Netlist read(Path file) {
        existing(file);
        try {
            return NetlistReader.read(file.toString(), Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), 0, 0, "file not found");
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
    }
}
