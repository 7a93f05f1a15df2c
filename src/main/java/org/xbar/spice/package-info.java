/**
 * SPICE: netlists written for any circuit ({@link org.xbar.spice.NetlistWriter}, with
 * {@link org.xbar.spice.CrossbarNetlist} for crossbars), the reader for the resistive subset
 * ({@link org.xbar.spice.NetlistReader}), Debian's ngspice run in batch mode
 * ({@link org.xbar.spice.Ngspice}) and its ASCII rawfile ({@link org.xbar.spice.RawFile}).
 * ngspice only ever receives netlists the writer wrote: a file from elsewhere goes through the
 * reader first ({@link org.xbar.spice.NetlistWriter#forNgspice}).
 */
package org.xbar.spice;
