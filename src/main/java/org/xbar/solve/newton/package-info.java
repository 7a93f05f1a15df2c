/**
 * Newton-Raphson for circuits with nonlinear elements, with ngspice's convergence tests and
 * limiting ({@link org.xbar.solve.newton.NewtonSolver}): the level-1 MOSFET's equations
 * ({@link org.xbar.solve.newton.LevelOneMosfet}), CMOS inverter neurons and multi-layer networks
 * of crossbars solved as one circuit ({@link org.xbar.solve.newton.NetworkSolver}).
 */
package org.xbar.solve.newton;
