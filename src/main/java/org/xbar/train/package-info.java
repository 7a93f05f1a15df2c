/**
 * Training networks for crossbars (DESIGN section 9): standard backpropagation with a quantized
 * forward pass and straight-through gradients, seed 004's technology-aware training through each
 * tile's effective matrix, the same with the wire-aware model in the loop, and PHAX ex-situ
 * training of inverter-neuron networks (seed 001).
 */
package org.xbar.train;
