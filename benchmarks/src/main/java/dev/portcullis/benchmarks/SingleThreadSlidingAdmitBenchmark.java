package dev.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link SlidingAdmitBenchmark} on one thread. */
@Threads(1)
public class SingleThreadSlidingAdmitBenchmark extends SlidingAdmitBenchmark {
}
