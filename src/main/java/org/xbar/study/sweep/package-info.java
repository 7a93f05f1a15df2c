/**
 * Sweeps over crossbar parameters: the configuration as records ({@link org.xbar.study.sweep.SweepSpec})
 * and its JSON reader ({@link org.xbar.study.sweep.SweepConfig}), the grid of points with stable
 * keys ({@link org.xbar.study.sweep.SweepPoint}), and the engine that solves each point exactly and
 * compares the models with it ({@link org.xbar.study.sweep.Sweep}).
 */
package org.xbar.study.sweep;
