package org.xbar.study.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;

/** The local engine, and how an engine is chosen by name. */
class LocalRunnerTest {
    private static final List<Integer> POINTS = IntStream.range(0, 40).boxed().toList();

    @Test
    void everyPointIsHandedOverOnceOneCallAtATime() {
        List<Integer> seen = new ArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        int[] most = new int[1];
        try (LocalRunner runner = new LocalRunner(4)) {
            runner.run(i -> i * i, POINTS, r -> {
                most[0] = Math.max(most[0], inside.incrementAndGet());
                seen.add(r);
                inside.decrementAndGet();
            });
        }
        Collections.sort(seen);
        assertEquals(POINTS.stream().map(i -> i * i).toList(), seen);
        assertEquals(1, most[0], "the sink is never called by two threads at once");
    }

    /** A failing point stops the run and is named, with its cause. */
    @Test
    void theFirstFailureStopsTheRunAndNamesThePoint() {
        PointFailedException e = assertThrows(PointFailedException.class, () -> new LocalRunner(2).run(i -> {
            if (i == 7) {
                throw new IllegalStateException("point seven is broken");
            }
            return i;
        }, POINTS, r -> { }));
        assertEquals(7, e.index());
        assertTrue(e.getMessage().contains("point seven is broken"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    @Test
    void anEngineThatIsNotOnTheClassPathIsNamedWithTheWayToGetIt() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> PointRunners.create(new RunnerSettings("spark", Optional.of("local[2]"), 2, "test")));
        assertEquals("engine", e.parameter());
        assertTrue(e.getMessage().contains("xbar-spark"), e.getMessage());
        e = assertThrows(InvalidParameterException.class,
                () -> PointRunners.create(new RunnerSettings("hadoop", Optional.empty(), 2, "test")));
        assertEquals("engine", e.parameter());
        assertTrue(e.getMessage().contains("local"), e.getMessage());
    }

    @Test
    void theLocalEngineTakesNoMaster() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> PointRunners.create(new RunnerSettings("local", Optional.of("spark://127.0.0.1:7077"), 2, "test")));
        assertEquals("master", e.parameter());
        assertThrows(InvalidParameterException.class, () -> new LocalRunner(0));
        try (PointRunner runner = PointRunners.create(new RunnerSettings("local", Optional.empty(), 3, "test"))) {
            assertEquals("local, 3 threads", runner.describe());
        }
    }
}
