package dev.portcullis.runtime.counter;

/**
 * A deliberately naive reference for one counter type: plain lists and (where needed) big integers,
 * no packing, no CAS, no rings. Property tests drive a counter and its model with the same calls and
 * require the same answers.
 */
interface CounterModel {

    long tryAcquire(String key, long amount, long nowMillis);

    void release(String key, long amount, long acquiredAtMillis);

    long count(String key, long nowMillis);

    void evictIdle(long nowMillis);

    int size();
}
