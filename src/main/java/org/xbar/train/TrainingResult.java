package org.xbar.train;

import java.util.List;
import org.xbar.network.Network;

/**
 * A trained network and how training went.
 *
 * @param network the full-precision (shadow) weights, in weight units; mapping them onto the same
 *                hardware reproduces the levels the last forward pass used
 * @param epochs  one record per epoch
 */
public record TrainingResult(Network network, List<EpochRecord> epochs) {
    /** Copies the list. */
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }
}
