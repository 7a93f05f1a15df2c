package org.xbar.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbar.study.NetworkAccuracy;
import org.xbar.data.DataAvailable;
import org.xbar.data.DataSplit;
import org.xbar.data.DatasetName;
import org.xbar.data.Datasets;
import org.xbar.spec.InverterSpec;

/**
 * PHAX training on the real 14x14 MNIST digits (8,000 training, 2,000 test images): a short seeded
 * run learns, and the circuit it writes classifies as the model does. Skipped without the data,
 * failed instead under {@code XBAR_REQUIRE_DATA=1}.
 */
@Tag("data")
class PhaxMnistTest {

    /**
     * Five epochs of a 196-20-10 network (about a second) reach 85 % on the test set (chance is
     * 10 %; the seeded run gives 88 %). On the first 20 test images, the circuit with behavioral
     * neurons gives the model's classes, and the circuit with level-1 MOSFET neurons, loaded by the
     * next crossbar, gives the same class for at least 17 of them (19 in the seeded run).
     */
    @Test
    void shortRunLearnsAndTheCircuitAgrees() {
        DataSplit split = Datasets.load(DatasetName.MNIST, DataAvailable.mnistOrSkip()).downsampled();
        PhaxResult result = PhaxTrainer.train(PhaxTrainer.initial(new int[] {196, 20, 10}, 1), split,
                new PhaxOptions(5, 32, 0.3, 0.9, PhaxLoss.CROSS_ENTROPY, 1, 1), new Trainer.Listener() {
                });
        List<EpochRecord> epochs = result.epochs();
        assertEquals(5, epochs.size());
        double accuracy = PhaxTrainer.accuracyPercent(result.network(), split.test());
        assertEquals(epochs.get(4).testAccuracy(), accuracy, 0.0, "the log's last test accuracy is the model's");
        assertTrue(accuracy >= 85, "test accuracy after 5 epochs: " + accuracy + " %");
        assertTrue(epochs.get(4).loss() < epochs.get(0).loss(), "the loss falls: " + epochs);

        int[] model = PhaxTrainer.classify(result.network(), split.test(), 20);
        NetworkAccuracy.Result behavioral = NetworkAccuracy.classify(result.network().spec(InverterSpec.Kind.BEHAVIORAL),
                split.test(), 20, 2);
        assertArrayEquals(model, behavioral.predicted(), "behavioral circuit against the model");
        NetworkAccuracy.Result mosfet = NetworkAccuracy.classify(result.network().spec(InverterSpec.Kind.MOSFET), split.test(),
                20, 2);
        int agree = 0;
        for (int k = 0; k < 20; k++) {
            agree += mosfet.predicted()[k] == model[k] ? 1 : 0;
        }
        assertTrue(agree >= 17, "the MOSFET circuit agrees with the model on " + agree + " of 20 images");
    }
}
