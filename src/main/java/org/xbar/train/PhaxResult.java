package org.xbar.train;

import java.util.List;
import java.util.Objects;

/**
 * A network trained by {@link PhaxTrainer} and how training went.
 *
 * @param network the trained parameters (and through them the device conductances)
 * @param epochs  one record per epoch: the mean cost of {@link PhaxOptions#loss()}, the training
 *                and test accuracy of the ideal forward model, the time
 */
public record PhaxResult(PhaxNetwork network, List<EpochRecord> epochs) {
    /** Copies the list. */
    public PhaxResult {
        Objects.requireNonNull(network, "network");
        epochs = List.copyOf(epochs);
    }
}
