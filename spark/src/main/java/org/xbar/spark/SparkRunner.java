package org.xbar.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkDriverExecutionException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.XbarException;
import org.xbar.study.runner.PointFailedException;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointTask;
import org.xbar.study.runner.RunnerSettings;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs points as Spark tasks: one partition per point, so that Spark schedules, retries
 * ({@code spark.task.maxFailures}, or {@code local[N,F]} in local mode) and reports every point on
 * its own; the task is broadcast once to every executor, and each point's result comes back to the
 * driver and is handed to the sink as its task finishes ({@code SparkContext.runJob} with a result
 * handler, called one at a time). A task that fails after its retries fails the job; the point is
 * named from the failure.
 *
 * <p>The session binds to 127.0.0.1 in local mode (a machine whose host name does not resolve
 * still runs), has no web UI unless asked for ({@code spark.ui.enabled}), and logs at WARN.
 */
public final class SparkRunner implements PointRunner {
    private final JavaSparkContext context;
    private final String master;

    /**
     * @param settings the master ({@code local[2]}, {@code spark://host:port}, {@code yarn}, ...;
     *                 empty for what spark-submit set, else {@code local[*]}) and the application's name
     */
    public SparkRunner(RunnerSettings settings) {
        SparkConf conf = new SparkConf().setAppName(settings.application());
        settings.master().ifPresent(conf::setMaster);
        conf.setIfMissing("spark.master", "local[*]");
        master = conf.get("spark.master");
        if (!(master.startsWith("local") || master.startsWith("spark://") || master.equals("yarn")
                || master.startsWith("k8s://") || master.startsWith("mesos://"))) {
            throw new InvalidParameterException("master", master,
                    "must be local, local[N], local[N,F], spark://HOST:PORT, yarn or k8s://URL");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        try {
            context = new JavaSparkContext(conf);
        } catch (Exception e) {
            // Scala throws SparkException, a checked exception, without declaring it
            throw new XbarException("cannot start Spark on " + master + ": " + e.getMessage(), e);
        }
        context.setLogLevel("WARN");
    }

    /** @return the Spark context (tests read its configuration) */
    JavaSparkContext context() {
        return context;
    }

    @Override
    public String describe() {
        return "spark " + master + " (" + context.defaultParallelism() + " task slots)";
    }

    @Override
    public <R extends Serializable> void run(PointTask<R> task, List<Integer> indices, Consumer<R> sink) {
        if (indices.isEmpty()) {
            return;
        }
        requireSerializable(task);
        Broadcast<PointTask<R>> shared = context.broadcast(task);
        JavaRDD<Integer> points = context.parallelize(new ArrayList<>(indices), indices.size());
        @SuppressWarnings("unchecked")
        ClassTag<R> tag = (ClassTag<R>) (ClassTag<?>) ClassTag$.MODULE$.apply(Object.class);
        try {
            context.sc().runJob(points.rdd(), new Compute<>(shared), new Hand<>(sink), tag);
        } catch (Exception e) {
            // Scala throws SparkException, a checked exception, without declaring it
            if (e instanceof SparkDriverExecutionException && e.getCause() instanceof RuntimeException cause) {
                // the sink failed (a file it writes, say): that failure, as it was
                throw cause;
            }
            throw failure(e, indices);
        } finally {
            shared.destroy();
        }
    }

    /** A task must cross to the executors: a clear refusal instead of Spark's "Task not serializable". */
    private static void requireSerializable(Object task) {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(task);
        } catch (NotSerializableException e) {
            throw new XbarException("the Spark engine cannot ship these points to its executors: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XbarException("the Spark engine cannot serialize these points: " + e.getMessage(), e);
        }
    }

    private static final Pattern POINT = Pattern.compile("xbar point (\\d+) failed: (.*)");

    /** The point a failed job names (each task's failure says which point it was), and why. */
    static PointFailedException failure(Exception e, List<Integer> indices) {
        Matcher m = POINT.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            int index = Integer.parseInt(m.group(1));
            return new PointFailedException(index, m.group(2), e);
        }
        return new PointFailedException(indices.get(0), String.format(Locale.ROOT,
                "the Spark job failed before any point could say why: %s", e.getMessage()), e);
    }

    @Override
    public void close() {
        context.stop();
    }

    /** On an executor: computes the partition's point (one per partition). */
    private static final class Compute<R extends Serializable> extends AbstractFunction1<Iterator<Integer>, R>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<PointTask<R>> task;

        Compute(Broadcast<PointTask<R>> task) {
            this.task = task;
        }

        @Override
        public R apply(Iterator<Integer> partition) {
            int index = partition.next();
            try {
                return task.value().compute(index);
            } catch (RuntimeException | Error e) {
                // the driver sees this message only: it names the point
                throw new IllegalStateException("xbar point " + index + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** On the driver: hands each finished point's result to the sink. */
    private static final class Hand<R> extends AbstractFunction2<Object, R, BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Consumer<R> sink;

        Hand(Consumer<R> sink) {
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, R result) {
            sink.accept(result);
            return BoxedUnit.UNIT;
        }
    }
}
