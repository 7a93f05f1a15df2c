/**
 * Studies that run many configurations and collect their results: the validation suite against
 * ngspice ({@link org.xbar.study.ValidationSuite}, {@link org.xbar.study.NgspiceCheck}), inverter
 * loading ({@link org.xbar.study.LoadingStudy}), solver performance measured through a
 * {@link org.xbar.study.Meter} the caller supplies ({@link org.xbar.study.PerformanceStudy}), the
 * network accuracy study of seed 004's figures 5 to 7 at circuit level with wires and PHAX
 * networks ({@link org.xbar.study.NetworkStudy}), and the accuracy of inverter-neuron networks
 * ({@link org.xbar.study.NetworkAccuracy}). Sweeps over crossbar parameters are in
 * {@code study.sweep}.
 */
package org.xbar.study;
