/**
 * Neural networks on tiled crossbars (DESIGN section 9): fully connected layers in weight units,
 * their mapping onto row-pair crossbars (the augmented matrix {@code [W; b]}, n-bit levels, a full
 * scale per layer, tiles, device variation), and four evaluators with the same inputs and outputs:
 * the ideal product, the seed 004 model, the wire-aware model and exact nodal analysis. Every
 * evaluator reduces a layer to an exact linear map from its inputs to its outputs (its effective
 * matrix), so a test set costs the maps once and one product per image. Under exact evaluation the
 * power of every inference follows the same way ({@link org.xbar.network.NetworkPower}).
 */
package org.xbar.network;
