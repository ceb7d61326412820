package dev.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link AdmitBenchmark} on two threads sharing one key: the contended admit path. */
@Threads(2)
public class TwoThreadAdmitBenchmark extends AdmitBenchmark {
}
