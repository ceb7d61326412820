package dev.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link SlidingAdmitBenchmark} on two threads sharing one key: the contended admit path. */
@Threads(2)
public class TwoThreadSlidingAdmitBenchmark extends SlidingAdmitBenchmark {
}
