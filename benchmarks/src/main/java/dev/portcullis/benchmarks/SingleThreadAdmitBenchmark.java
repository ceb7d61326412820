package dev.portcullis.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link AdmitBenchmark} on one thread. */
@Threads(1)
public class SingleThreadAdmitBenchmark extends AdmitBenchmark {
}
