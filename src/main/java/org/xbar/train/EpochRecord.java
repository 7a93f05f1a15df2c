package org.xbar.train;

/**
 * One epoch of training.
 *
 * @param epoch         epoch number, from 1
 * @param loss          mean cost per image over the epoch's steps: the quadratic cost of {@link Trainer},
 *                      the chosen {@link PhaxLoss} of {@link PhaxTrainer}
 * @param trainAccuracy percent of the training images classified right during the epoch (by the
 *                      forward pass of each step, as the weights moved)
 * @param testAccuracy  percent of the test images classified right after the epoch, by the forward
 *                      pass training uses (quantized, and aware as configured; for {@link PhaxTrainer}
 *                      the ideal forward model)
 * @param seconds       wall-clock time of the epoch, the test pass included
 */
public record EpochRecord(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds) {
}
