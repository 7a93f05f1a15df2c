package org.xbar.study;

import java.io.Serializable;
import org.xbar.io.JsonTree;

/**
 * One accuracy of the network study: a network, trained one way, evaluated one way on one
 * hardware configuration.
 *
 * @param dataset     {@code mnist} or {@code fashion-mnist}
 * @param network     layer sizes, such as {@code 784-500-10}
 * @param training    {@code ideal}, {@code seed-aware}, {@code wire-aware} or {@code phax}
 * @param technology  device technology of the evaluated hardware
 * @param sourceOhms  R_S, ohm
 * @param neuronOhms  R_N, ohm
 * @param wireOhms    wire segment resistance, ohm
 * @param tile        {@code RxC} or {@code full}
 * @param sigmaN      chip-to-chip deviation n of the evaluated chip, in units of the chip sigma
 * @param evaluator   {@code ideal}, {@code model}, {@code wire-aware}, {@code nodal}, {@code behavioral} or {@code mosfet}
 * @param accuracy    percent of the test images classified right
 * @param study       which part of the study: {@code baseline}, {@code fig5}, {@code fig6}, {@code fig7},
 *                    {@code wires}, {@code phax}, {@code fashion}
 * @param trainedFor  the hardware the network was trained for ({@code -} for ideal training)
 * @param chipSigma   the chip sigma n is counted in
 * @param testImages  test images evaluated
 * @param seconds     time to evaluate (building the effective matrices or solving the circuits)
 * @param fullScale   the rule for each layer's {@code W_max}: {@code max}, {@code pNN} or a value
 * @param meanLevel   the mean level {@code |q|} of the first layer's {@code [W; b]} (0 to L): how full
 *                    its crossbars are, which sets how much R_S and R_N attenuate them
 */
public record AccuracyRow(String dataset, String network, String training, String technology, double sourceOhms,
        double neuronOhms, double wireOhms, String tile, double sigmaN, String evaluator, double accuracy, String study,
        String trainedFor, double chipSigma, int testImages, double seconds, String fullScale, double meanLevel)
        implements Serializable {

    /** The columns of {@code accuracy.csv}, in order; issue 10 fixes the first eleven. */
    public static final String HEADER = "dataset,network,training,technology,r_s_ohm,r_n_ohm,wire_ohm,tile,sigma_n,evaluator,"
            + "accuracy,study,trained_for,chip_sigma,test_images,eval_seconds,full_scale,mean_level";

    /**
     * @return what the row measured, without what it found: study, data set, network, training, the
     *         hardware and the evaluator (two rows with the same key come from the same computation,
     *         which the study's seeds make deterministic)
     */
    public String key() {
        return String.join("|", study, dataset, network, training, trainedFor, technology, JsonTree.plain(sourceOhms),
                JsonTree.plain(neuronOhms), JsonTree.plain(wireOhms), tile, JsonTree.plain(sigmaN), JsonTree.plain(chipSigma),
                fullScale, evaluator, Integer.toString(testImages));
    }
}
