package org.xbar.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Gives tests tagged {@code data} the directories of the real data sets. Without the data they are
 * skipped with a message saying how to fetch it, unless {@code XBAR_REQUIRE_DATA=1} (set by
 * {@code scripts/test}, which fetches the data first, so CI never skips them).
 */
public final class DataAvailable {
    private DataAvailable() {
    }

    /** @return the directory of the real MNIST digits, or the test is skipped (or fails where data is required) */
    public static Path mnistOrSkip() {
        Path dir = Datasets.defaultDir(DatasetName.MNIST);
        for (int digit = 0; digit < 10; digit++) {
            require(dir.resolve(digit + ".json"), "scripts/fetch-mnist");
        }
        return dir;
    }

    /** @return the directory of the real Fashion-MNIST, or the test is skipped (or fails where data is required) */
    public static Path fashionMnistOrSkip() {
        Path dir = Datasets.defaultDir(DatasetName.FASHION_MNIST);
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            require(dir.resolve(name), "scripts/fetch-fashion-mnist");
        }
        return dir;
    }

    private static void require(Path file, String script) {
        if (!Files.isRegularFile(file)) {
            String message = file.toAbsolutePath() + " is missing (run " + script + "): tests on the real data skipped";
            if ("1".equals(System.getenv("XBAR_REQUIRE_DATA"))) {
                fail(message.replace("skipped", "required by XBAR_REQUIRE_DATA=1"));
            }
            Assumptions.abort(message);
        }
    }
}
