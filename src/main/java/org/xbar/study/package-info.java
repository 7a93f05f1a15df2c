/**
 * Studies that run many configurations and collect their results: the network accuracy study of
 * seed 004's figures 5 to 7 at circuit level, with wires and PHAX networks beyond the seed; and the
 * accuracy of inverter-neuron networks solved at circuit level ({@link NetworkAccuracy}).
 */
package org.xbar.study;
