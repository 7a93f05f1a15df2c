package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's worked example prints exactly what the README says it prints. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theWorkedExampleIsWhatTheToolPrints() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Path g = dir.resolve("G.csv");
        Path v = dir.resolve("V.csv");
        Path out = dir.resolve("OUT.csv");
        Files.writeString(g, "1e-3,2e-3\n3e-3,4e-3\n");
        Files.writeString(v, "1,2\n0.5,0\n");
        CliRunner.Run solve = CliRunner.run("solve", "--g", g.toString(), "--v", v.toString(), "--rs", "1000", "--rn", "500",
                "--rw", "0", "--out", out.toString());
        assertEquals(0, solve.code(), solve.err());
        assertTrue(readme.contains("```\n" + Files.readString(out) + "```"), "README.md must show OUT.csv as written:\n"
                + Files.readString(out));
        CliRunner.Run compare = CliRunner.run("compare", "--g", g.toString(), "--v", v.toString(), "--rs", "1000", "--rn", "500",
                "--rw", "0");
        assertEquals(0, compare.code(), compare.err());
        String table = compare.out().substring(compare.out().indexOf('\n') + 1);
        assertTrue(readme.contains("```\n" + table + "```"), "README.md must show compare's table as printed:\n" + table);
    }
}
