package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.data.DataAvailable;
import org.xbar.report.AccuracyTable;
import org.xbar.study.AccuracyRow;

/** {@code xbar study --quick} end to end: every part, the CSV's columns, what theory fixes, plots and report. */
class StudyCliTest {
    @TempDir
    Path dir;

    @Test
    void quickStudyWritesEveryPartAndAgreesWithTheory() throws IOException {
        DataAvailable.mnistOrSkip();
        DataAvailable.fashionMnistOrSkip();
        CliRunner.Run run = CliRunner.run("study", "--quick", "--out", dir.toString(), "--threads", "2");
        assertEquals(0, run.code(), run.err());
        List<String> lines = Files.readAllLines(dir.resolve("accuracy.csv"));
        assertTrue(lines.get(0).startsWith("dataset,network,training,technology,r_s_ohm,r_n_ohm,wire_ohm,tile,sigma_n,evaluator,accuracy"),
                lines.get(0));
        List<AccuracyRow> rows = AccuracyTable.read(dir.resolve("accuracy.csv"));
        Set<String> parts = rows.stream().map(AccuracyRow::study).collect(Collectors.toSet());
        assertTrue(parts.containsAll(Set.of("baseline", "fig5", "fig6", "fig7", "wires", "fullscale", "fashion", "phax")),
                parts.toString());
        Set<String> trainings = rows.stream().map(AccuracyRow::training).collect(Collectors.toSet());
        assertTrue(trainings.containsAll(Set.of("ideal", "seed-aware", "wire-aware", "phax")), trainings.toString());
        Set<String> evaluators = rows.stream().map(AccuracyRow::evaluator).collect(Collectors.toSet());
        assertTrue(evaluators.containsAll(Set.of("ideal", "model", "wire-aware", "nodal", "behavioral", "mosfet")),
                evaluators.toString());
        // without wires and with R_N = 0 the seed model is exact: the same network must score the same
        Map<String, Double> model = new HashMap<>();
        int compared = 0;
        for (AccuracyRow r : rows) {
            assertTrue(r.accuracy() >= 0 && r.accuracy() <= 100, r.toString());
            if (r.wireOhms() == 0 && r.neuronOhms() == 0 && r.evaluator().equals("model")) {
                model.put(key(r), r.accuracy());
            }
        }
        for (AccuracyRow r : rows) {
            if (r.wireOhms() == 0 && r.neuronOhms() == 0 && r.evaluator().equals("nodal")) {
                assertEquals(model.get(key(r)), r.accuracy(), 0.0, "model and exact circuit at R_N = 0: " + r);
                compared++;
            }
        }
        assertTrue(compared >= 2, "the quick plan has points with R_N = 0");
        for (String png : List.of("fig5-TiO2.png", "fig6-chip-variation.png", "fig7-tiles.png", "wires-exact.png",
                "wires-evaluators.png", "fullscale.png", "fashion.png", "phax.png")) {
            assertTrue(Files.size(dir.resolve(png)) > 10_000, png);
        }
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("Fig. 5") && report.contains("Fig. 6") && report.contains("Fig. 7") && report.contains("wire"));
        CliRunner.Run redraw = CliRunner.run("study", "--plots-only", "--out", dir.toString());
        assertEquals(0, redraw.code(), redraw.err());

        // run again: every row and network of the first run is reused, the table is the same
        String first = Files.readString(dir.resolve("accuracy.csv"));
        CliRunner.Run again = CliRunner.run("study", "--quick", "--out", dir.toString(), "--threads", "2");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("resuming: " + rows.size() + " rows"), again.err());
        assertFalse(again.err().contains("xbar study [") && again.err().contains("]: trained "), again.err());
        assertEquals(first, Files.readString(dir.resolve("accuracy.csv")));

        // an interrupted run: the last rows are missing and so is a trained network; resuming computes
        // them again, to the same accuracies (every training and evaluation is seeded)
        List<String> kept = Files.readAllLines(dir.resolve("accuracy.csv"));
        Files.write(dir.resolve("accuracy.csv"), kept.subList(0, kept.size() / 2));
        try (var networks = Files.list(dir.resolve("checkpoints/networks"))) {
            Path one = networks.sorted().findFirst().orElseThrow();
            Files.delete(one.resolve("key.txt"));
        }
        CliRunner.Run resumed = CliRunner.run("study", "--quick", "--out", dir.toString(), "--threads", "2");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("]: trained "), "the network whose checkpoint is gone is trained again");
        List<AccuracyRow> again2 = AccuracyTable.read(dir.resolve("accuracy.csv"));
        assertEquals(rows.size(), again2.size());
        for (int k = 0; k < rows.size(); k++) {
            assertEquals(rows.get(k).key(), again2.get(k).key());
            assertEquals(rows.get(k).accuracy(), again2.get(k).accuracy(), 0.0, rows.get(k).key());
        }

        // a directory with another plan's results is refused, and nothing in it is touched
        Files.writeString(dir.resolve("checkpoints/plan.txt"), "plan other\n");
        String before = Files.readString(dir.resolve("accuracy.csv"));
        CliRunner.Run other = CliRunner.run("study", "--quick", "--out", dir.toString(), "--threads", "2");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("--fresh"), other.err());
        assertEquals(before, Files.readString(dir.resolve("accuracy.csv")));

        // an engine that is not there is refused by name before --fresh deletes anything
        CliRunner.Run unknown = CliRunner.run("study", "--quick", "--out", dir.toString(), "--fresh", "--engine", "ray");
        assertNotEquals(0, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("engine"), unknown.err());
        assertEquals(before, Files.readString(dir.resolve("accuracy.csv")));
        assertTrue(Files.isDirectory(dir.resolve("checkpoints/networks")));
    }

    private static String key(AccuracyRow r) {
        return String.join("|", r.study(), r.dataset(), r.training(), r.trainedFor(), r.technology(),
                Double.toString(r.sourceOhms()), r.tile(), Double.toString(r.sigmaN()));
    }
}
