package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.SpecialFiles;
import org.xbar.report.SweepCharts;
import org.xbar.study.sweep.SweepConfig;
import org.xbar.study.sweep.SweepSpec;

/** {@code xbar sweep}: the documented example end to end, resumption, and clear errors. */
class SweepCliTest {
    private static final Path EXAMPLE = Path.of("validation/examples/sweep-small.json");

    @TempDir
    static Path shared;

    private static Path complete;
    private static CliRunner.Run first;

    @BeforeAll
    static void runTheExample() {
        complete = shared.resolve("complete");
        first = CliRunner.run("sweep", "--config", EXAMPLE.toString(), "--out", complete.toString(), "--threads", "2");
    }

    @Test
    void theExampleRunsAndDrawsEveryPlot() throws IOException {
        assertEquals(0, first.code(), first.err());
        List<String> lines = Files.readAllLines(complete.resolve("sweep.csv"));
        SweepSpec spec = SweepConfig.parse("x", Files.readString(EXAMPLE), EXAMPLE.getParent());
        long rows = spec.studies().stream().mapToLong(s -> s.points() * s.models().size()).sum();
        assertEquals(1 + rows, lines.size());
        List<Path> pngs = new ArrayList<>();
        for (String line : first.out().split("\n")) {
            if (line.endsWith(".png")) {
                pngs.add(Path.of(line.substring("wrote ".length())));
            }
        }
        assertTrue(pngs.size() >= spec.plots().size(), first.out());
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(SweepCharts.WIDTH, image.getWidth(), png.toString());
            assertEquals(SweepCharts.HEIGHT, image.getHeight(), png.toString());
        }
        assertTrue(Files.exists(complete.resolve("sweep.json")));
    }

    /**
     * An interrupted sweep (some points written, the last line cut off) resumes: only the missing
     * points are computed, and the file ends up with the numbers of an uninterrupted run.
     */
    @Test
    void anInterruptedSweepResumes() throws IOException {
        assertEquals(0, first.code(), first.err());
        List<String> lines = Files.readAllLines(complete.resolve("sweep.csv"));
        Path partial = shared.resolve("partial");
        Files.createDirectories(partial);
        // 20 points of 3 models, then half of a line: the interruption
        String kept = String.join("\n", lines.subList(0, 1 + 60)) + "\n" + lines.get(61).substring(0, 30);
        Files.writeString(partial.resolve("sweep.csv"), kept);
        // the kept output vectors of scatter points survive an interruption too
        Files.createDirectories(partial.resolve("outputs"));
        try (var files = Files.list(complete.resolve("outputs"))) {
            for (Path f : files.toList()) {
                Files.copy(f, partial.resolve("outputs").resolve(f.getFileName()));
            }
        }
        CliRunner.Run again = CliRunner.run("sweep", "--config", EXAMPLE.toString(), "--out", partial.toString(),
                "--threads", "3");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("removed an incomplete last line"), again.err());
        assertTrue(again.err().contains("; 20 in "), again.err());
        int points = (lines.size() - 1) / 3;
        assertTrue(again.err().contains("computing " + (points - 20) + " on local, 3 threads"), again.err());
        List<String> resumed = Files.readAllLines(partial.resolve("sweep.csv"));
        assertEquals(withoutTimes(lines), withoutTimes(resumed));
    }

    /**
     * The results file behind a symbolic link is repaired, appended to and rewritten in place of its
     * target, and the link stays; a FIFO in its place is refused before anything is computed.
     */
    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theResultsFileIsWrittenThroughALinkAndNeverOverAFifo(@TempDir Path dir) throws IOException {
        assertEquals(0, first.code(), first.err());
        List<String> lines = Files.readAllLines(complete.resolve("sweep.csv"));
        Path store = Files.createDirectories(dir.resolve("store"));
        Path target = store.resolve("results.csv");
        Files.writeString(target, String.join("\n", lines.subList(0, lines.size() - 3)) + "\n"
                + lines.get(lines.size() - 3).substring(0, 30));
        Path linked = Files.createDirectories(dir.resolve("linked"));
        Path link = Files.createSymbolicLink(linked.resolve("sweep.csv"), Path.of("..", "store", "results.csv"));
        CliRunner.Run run = CliRunner.run("sweep", "--config", EXAMPLE.toString(), "--out", linked.toString(),
                "--threads", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("..", "store", "results.csv"), Files.readSymbolicLink(link));
        assertEquals(withoutTimes(lines), withoutTimes(Files.readAllLines(target)));
        assertEquals(List.of(), SpecialFiles.temporaryFiles(store));

        Path piped = Files.createDirectories(dir.resolve("piped"));
        Path fifo = SpecialFiles.fifo(piped.resolve("sweep.csv"));
        for (String mode : List.of("--fresh", "--plots-only", "--no-progress")) {
            CliRunner.Run refused = CliRunner.run("sweep", "--config", EXAMPLE.toString(), "--out", piped.toString(),
                    "--threads", "2", mode);
            assertEquals(Main.BAD_INPUT, refused.code(), refused.err());
            assertTrue(refused.err().contains(fifo.toString()), refused.err());
            assertTrue(SpecialFiles.isFifo(fifo), "the FIFO was replaced");
        }
    }

    /** Drops the two timing columns, which differ from run to run. */
    private static List<String> withoutTimes(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            out.add(String.join(",", Arrays.copyOf(f, f.length - 2)));
        }
        return out;
    }

    @Test
    void badConfigurationsNameFileLineAndKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "{\"studies\": [{\"name\": \"a\",\n \"sizes\": [8], \"rsOhms\": [-5]}]}");
        CliRunner.Run run = CliRunner.run("sweep", "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, run.code());
        assertTrue(run.err().contains("bad.json:2: studies[0].rsOhms[0]: must be in [0, 1000000] ohm, got -5"), run.err());
        assertTrue(!Files.exists(dir.resolve("o").resolve("sweep.csv")));
    }

    @Test
    void missingMnistSaysHowToFetchIt(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("mnist.json");
        Files.writeString(config, "{\"studies\": [{\"name\": \"m\", \"sizes\": [\"784x4\"],"
                + " \"inputs\": {\"kind\": \"mnist\", \"vectors\": 3, \"dir\": \"nowhere\"}}]}");
        CliRunner.Run run = CliRunner.run("sweep", "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, run.code(), run.err());
        assertTrue(run.err().contains("nowhere/0.json") && run.err().contains("scripts/fetch-mnist"), run.err());
    }

    @Test
    void theReadmeShowsTheExampleAsItIs() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(Files.readString(EXAMPLE)), "README.md must reproduce " + EXAMPLE + " whole");
    }

    @Test
    void theDefaultSweepCanBePrinted() {
        CliRunner.Run run = CliRunner.run("sweep", "--print-default");
        assertEquals(0, run.code(), run.err());
        SweepSpec spec = SweepConfig.parse("default", run.out(), Path.of(""));
        assertEquals("seed004", spec.studies().get(0).name());
    }

    /** A tiny sweep of one study, in seconds; {@code seed} sets its random crossbars and inputs. */
    private static Path tiny(Path dir, String name, int seed) throws IOException {
        Path config = dir.resolve(name);
        Files.writeString(config, "{\"name\": \"tiny\", \"seed\": " + seed + ", \"studies\": [{\"name\": \"t\","
                + " \"sizes\": [8], \"rsOhms\": [0, 500], \"rnOhms\": [100], \"inputs\": {\"vectors\": 3}}]}");
        return config;
    }

    /**
     * A results file written before the nonlinearity and power columns existed is upgraded in place
     * (nonlinearity 0.0 on every row: its devices were linear; the power, not measured then, empty)
     * and resumed: its points keep their ids, nothing is computed again, and every other value is
     * what a fresh run writes.
     */
    @Test
    void aFileWithoutTheNonlinearityAndPowerColumnsIsUpgradedAndResumed(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        CliRunner.Run fresh = CliRunner.run("sweep", "--config", tiny(dir, "a.json", 1).toString(), "--out", out.toString());
        assertEquals(0, fresh.code(), fresh.err());
        List<String> written = Files.readAllLines(out.resolve("sweep.csv"));
        List<String> header = List.of(written.get(0).split(","));
        int column = header.indexOf("nonlinearity");
        int power = header.indexOf("power_mean_w");
        assertTrue(column > 0 && power > column && header.get(power + 1).equals("power_max_w"), written.get(0));
        List<String> old = new ArrayList<>();
        List<String> upgraded = new ArrayList<>();
        for (String line : written) {
            List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
            boolean first = line == written.get(0);
            if (!first) {
                assertTrue(Double.parseDouble(f.get(power)) > 0 && Double.parseDouble(f.get(power + 1))
                        >= Double.parseDouble(f.get(power)), "the drivers deliver power: " + line);
            }
            List<String> withoutPower = new ArrayList<>(f);
            withoutPower.set(power, first ? "power_mean_w" : "");
            withoutPower.set(power + 1, first ? "power_max_w" : "");
            upgraded.add(String.join(",", withoutPower));
            f.remove(power + 1);
            f.remove(power);
            assertEquals(first ? "nonlinearity" : "0.0", f.remove(column), line);
            old.add(String.join(",", f));
        }
        Files.write(out.resolve("sweep.csv"), old);
        CliRunner.Run again = CliRunner.run("sweep", "--config", dir.resolve("a.json").toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("upgraded"), again.err());
        assertTrue(again.err().contains("; 2 in "), again.err());
        assertEquals(withoutTimes(upgraded), withoutTimes(Files.readAllLines(out.resolve("sweep.csv"))));
    }

    @Test
    void resultsOfAnotherConfigurationAreNotMixedIn(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        CliRunner.Run first = CliRunner.run("sweep", "--config", tiny(dir, "a.json", 1).toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        List<String> before = Files.readAllLines(out.resolve("sweep.csv"));
        // the same configuration written another way resumes (nothing to compute)
        Path same = dir.resolve("same.json");
        Files.writeString(same, Files.readString(dir.resolve("a.json")).replace(", ", ",\n  "));
        CliRunner.Run again = CliRunner.run("sweep", "--config", same.toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        // another seed is another configuration: refused, nothing appended
        CliRunner.Run other = CliRunner.run("sweep", "--config", tiny(dir, "b.json", 2).toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, other.code(), other.err());
        assertTrue(other.err().contains("--fresh"), other.err());
        assertEquals(before, Files.readAllLines(out.resolve("sweep.csv")));
        // a folder written before the fingerprint existed is checked by its points
        Files.delete(out.resolve(SweepCommand.FINGERPRINT_FILE));
        CliRunner.Run legacy = CliRunner.run("sweep", "--config", dir.resolve("b.json").toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, legacy.code(), legacy.err());
        assertEquals(before, Files.readAllLines(out.resolve("sweep.csv")));
        CliRunner.Run fresh = CliRunner.run("sweep", "--config", dir.resolve("b.json").toString(), "--out", out.toString(),
                "--fresh");
        assertEquals(0, fresh.code(), fresh.err());
        assertEquals(before.size(), Files.readAllLines(out.resolve("sweep.csv")).size());
    }

    @Test
    void aSweepPastTheSizeLimitsIsRefusedBeforeAnythingIsComputed(@TempDir Path dir) throws IOException {
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < 100; k++) {
            values.append(k == 0 ? "" : ", ").append(10 * k);
        }
        StringBuilder studies = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            studies.append(s == 0 ? "" : ", ").append("{\"name\": \"s").append(s).append("\", \"sizes\": [4], \"rsOhms\": [")
                    .append(values).append("], \"rnOhms\": [").append(values).append("], \"wireOhms\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}");
        }
        Path config = dir.resolve("huge.json");
        Files.writeString(config, "{\"studies\": [" + studies + "]}");
        CliRunner.Run run = CliRunner.run("sweep", "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, run.code(), run.err());
        assertTrue(run.err().contains("300,000 points") && run.err().contains("--allow-large"), run.err());
        assertTrue(!Files.exists(dir.resolve("o")), "nothing may be written");
    }

    @Test
    void aDirectoryOrABinaryFileIsNoConfigurationAndAFileIsNoOutputDirectory(@TempDir Path dir) throws IOException {
        CliRunner.Run directory = CliRunner.run("sweep", "--config", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, directory.code(), directory.err());
        assertTrue(directory.err().contains(dir.toString()), directory.err());
        Path binary = dir.resolve("binary.json");
        byte[] bytes = new byte[256];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) k;
        }
        Files.write(binary, bytes);
        CliRunner.Run garbage = CliRunner.run("sweep", "--config", binary.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, garbage.code(), garbage.err());
        assertTrue(garbage.err().contains(binary.toString()), garbage.err());
        assertTrue(garbage.err().lines().count() <= 2 && !garbage.err().contains("\u0007"), garbage.err());
        Path file = dir.resolve("a-file");
        Files.writeString(file, "keep me");
        CliRunner.Run run = CliRunner.run("sweep", "--config", tiny(dir, "t.json", 1).toString(), "--out", file.toString());
        assertEquals(Main.BAD_INPUT, run.code(), run.err());
        assertTrue(run.err().contains("--out"), run.err());
        assertEquals("keep me", Files.readString(file));
    }
}
