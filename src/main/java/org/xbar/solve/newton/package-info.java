/**
 * Newton-Raphson for circuits with nonlinear elements, with ngspice's convergence tests and
 * limiting ({@link org.xbar.solve.newton.NewtonSolver}): the iteration
 * ({@link org.xbar.solve.newton.NewtonRun}), gmin and source stepping
 * ({@link org.xbar.solve.newton.Continuation}), the elements that stamp themselves in SPICE's two
 * phases ({@link org.xbar.solve.newton.Element}), the level-1 MOSFET's equations and companion
 * model ({@link org.xbar.solve.newton.LevelOneMosfet}), CMOS inverter neurons and multi-layer
 * networks of crossbars solved as one circuit ({@link org.xbar.solve.newton.NetworkSolver}).
 */
package org.xbar.solve.newton;
