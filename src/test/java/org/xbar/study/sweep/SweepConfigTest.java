package org.xbar.study.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.error.InputFormatException;
import org.xbar.spec.WeightMapping;
import org.xbar.study.sweep.SweepSpec.Axis;
import org.xbar.study.sweep.SweepSpec.InputKind;
import org.xbar.study.sweep.SweepSpec.Size;
import org.xbar.study.sweep.SweepSpec.SweepModel;
import org.xbar.study.sweep.SweepSpec.Tiling;

/** Reading sweep configurations: the grid they describe, and errors that name file, line and key. */
class SweepConfigTest {

    private static SweepSpec parse(String text) {
        return SweepConfig.parse("s.json", text, Path.of("/base"));
    }

    @Test
    void readsAGridWithDefaults() {
        SweepSpec spec = parse("""
                {"seed": 3, "studies": [{"name": "a", "technologies": ["TaOx"],
                 "rsPercent": [0.1, 0.2], "rnOhms": 50, "wireOhms": [0, 1, 2], "tiles": ["none", "8x4"],
                 "weights": {"csv": "w.csv"}, "inputs": {"kind": "mnist", "vectors": 30, "dir": "digits"}}]}
                """);
        SweepSpec.Study s = spec.studies().get(0);
        assertEquals(3, spec.seed());
        assertEquals(Technology.TAOX, s.technologies().get(0));
        assertEquals(WeightMapping.ROW_PAIR, s.mapping());
        assertEquals(4, s.bits());
        assertTrue(s.sources().percent());
        assertEquals(0.2 / 100 * 300e3, s.sources().ohms(0.2, Technology.TAOX), 1e-9);
        assertEquals(50, s.neurons().ohms(50, Technology.TAOX));
        assertEquals(Optional.of(Path.of("/base/w.csv")), s.weightsCsv());
        assertEquals(Optional.of(Path.of("/base/digits")), s.inputs().dir());
        assertEquals(2 * 1 * 3 * 2, s.points());
        assertEquals(List.of(SweepModel.MODEL, SweepModel.WIRE_MODEL, SweepModel.IDEAL), s.models());
        assertEquals(List.of("model", "wire-model", "ideal"), s.modelKeys());
    }

    @Test
    void theShippedConfigurationsParse() throws IOException {
        try (InputStream in = SweepSpec.class.getResourceAsStream("/org/xbar/study/sweep/default-sweep.json")) {
            SweepSpec spec = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(4, spec.studies().size());
            assertEquals(InputKind.MNIST, spec.studies().get(0).inputs().kind());
            assertEquals(784, spec.studies().get(0).sizes().get(0).rows());
            assertEquals(500, spec.studies().get(0).sizes().get(0).cols());
        }
        Path example = Path.of("validation/examples/sweep-small.json");
        SweepSpec small = SweepConfig.parse(example.toString(), Files.readString(example), example.getParent());
        assertTrue(small.plots().size() >= 3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8],\\n \"wireOhm\": [1]}]}|2|studies[0].wireOhm: unknown key \"wireOhm\"",
        "{\"studies\": [{\"name\": \"a\",\\n \"sizes\": [\"8y8\"]}]}|2|studies[0].sizes[0]: \"8y8\" is not a size",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8],\\n\\n \"wireOhms\": [1, -2]}]}|3|studies[0].wireOhms[1]: must be in [0, 10000] ohm, got -2",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8], \"rsOhms\": 1,\\n \"rsPercent\": 1}]}|2|give either \"rsOhms\" or \"rsPercent\"",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8],\\n \"inputs\": {\"kind\": \"mnist\"}}]}|1|MNIST inputs need 784 rows",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8]},\\n {\"name\": \"a\", \"sizes\": [8]}]}|2|a study named \"a\" exists already",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8], \"rsOhms\": [1, 2]}],\\n \"plots\": [{\"file\": \"f\", \"study\": \"a\", \"type\": \"scatter\"}]}|2|sweeps rs over 2 values: name one in \"at\"",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8]}],\\n \"plots\": [{\"file\": \"f\", \"study\": \"b\", \"x\": \"rs\"}]}|2|no study named \"b\"",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8], \"technologies\": [\"TiO3\"]}]}|1|\"TiO3\" is not a technology",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8],\\n \"chipDeviations\": [1]}]}|2|non-zero chip deviations need \"chipSigma\" > 0",
        "{\"studies\": [{\"name\": \"a\",\\n \"sizes\": [8]}, ]}|2|malformed JSON",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8], \"models\": [\"nodal\"]}]}|1|\"nodal\" is not a model here",
        "{\"studies\": [{\"name\": \"a\", \"sizes\": [8],\\n \"nonlinearity\": [0, 25]}]}|2|studies[0].nonlinearity[1]: must be in [0, 20] 1/V, got 25",
    })
    void errorsNameTheLineAndTheKey(String json, int line, String message) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> parse(json.replace("\\n", "\n")));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("s.json:" + line + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void scatterPointsAreMatchedByTheValuesAsWritten() {
        SweepSpec spec = parse("""
                {"studies": [{"name": "a", "sizes": [8], "technologies": ["TiO2", "TaOx"], "rsOhms": [100, 800]}],
                 "plots": [{"file": "f", "study": "a", "type": "scatter", "at": {"technology": "taox", "rs": 800}}]}
                """);
        assertEquals("TaOx", spec.plots().get(0).at().get(Axis.TECHNOLOGY));
        assertEquals("800.0", spec.plots().get(0).at().get(Axis.RS));
        InputFormatException e = assertThrows(InputFormatException.class, () -> parse("""
                {"studies": [{"name": "a", "sizes": [8], "rsOhms": [100, 800]}],
                 "plots": [{"file": "f", "study": "a", "type": "scatter", "at": {"rs": 700}}]}
                """));
        assertTrue(e.getMessage().contains("has no rs value 700"), e.getMessage());
    }

    @Test
    void namedChoicesBecomeEnumsAndNoTileIsNotNull() {
        SweepSpec spec = parse("""
                {"studies": [{"name": "a", "sizes": ["8x6"], "deviceDistribution": "normal", "stuckOff": "open",
                 "tiles": ["none", 4, "2x3"], "models": ["ideal", "model"], "drive": "both-ends"}],
                 "plots": [{"file": "f", "study": "a", "type": "scatter", "at": {"tile": "none"}, "title": "T"},
                           {"file": "g", "study": "a", "x": "tile"}]}
                """);
        SweepSpec.Study s = spec.studies().get(0);
        assertEquals(Distribution.NORMAL, s.distribution());
        assertEquals(StuckOff.OPEN, s.stuckOff());
        assertEquals(InputKind.RANDOM, s.inputs().kind());
        assertEquals(Optional.empty(), s.inputs().dir());
        assertEquals(Optional.empty(), s.weightsCsv());
        assertEquals(List.of(Tiling.NONE, Tiling.of(new Size(4, 4)), Tiling.of(new Size(2, 3))), s.tiles());
        assertEquals(List.of("none", "4x4", "2x3"), s.tiles().stream().map(Tiling::toString).toList());
        assertEquals(new Size(8, 6), Tiling.NONE.tileFor(new Size(8, 6)));
        assertEquals(new Size(2, 3), s.tiles().get(2).tileFor(new Size(8, 6)));
        assertEquals(List.of(SweepModel.IDEAL, SweepModel.MODEL), s.models());
        SweepSpec.Plot scatter = spec.plots().get(0);
        assertEquals(SweepSpec.PlotType.SCATTER, scatter.type());
        assertEquals(Optional.of("T"), scatter.title());
        assertEquals("none", scatter.at().get(Axis.TILE));
        assertEquals(SweepSpec.PlotType.LINE, spec.plots().get(1).type());
        assertEquals(Optional.empty(), spec.plots().get(1).title());
        // the defaults
        SweepSpec.Study d = parse("{\"studies\": [{\"name\": \"b\", \"sizes\": [4]}]}").studies().get(0);
        assertEquals(Distribution.LOGNORMAL, d.distribution());
        assertEquals(StuckOff.GMIN, d.stuckOff());
        assertEquals(List.of(Tiling.NONE), d.tiles());
        assertEquals(List.of(SweepModel.values()), d.models());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "deviceDistribution|\"Normal\"",
        "stuckOff|\"closed\"",
        "tiles|[\"no\"]",
        "models|[\"wire\"]",
    })
    void unknownChoicesNameTheirKey(String key, String value) {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> parse("{\"studies\": [{\"name\": \"a\", \"sizes\": [8],\n \"" + key + "\": " + value + "}]}"));
        assertEquals(2, e.line());
        assertEquals("s.json", e.file());
    }
}
