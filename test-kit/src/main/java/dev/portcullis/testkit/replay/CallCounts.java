package dev.portcullis.testkit.replay;

/**
 * What a transcript's lines amounted to.
 *
 * @param lines            lines read, blank lines included
 * @param calls            {@code tools/call} requests decided
 * @param allowed          calls allowed
 * @param denied           calls denied
 * @param approvalRequired calls held for approval
 * @param otherMessages    JSON-RPC messages kept but not decided (initialize, tools/list, notifications)
 * @param responses        response lines read
 * @param released         reservations released because the upstream call failed
 * @param unanswered       allowed requests without a response by the end, committed (counted) as a gateway would
 * @param evicted          allowed requests committed early because more than the pending maximum awaited a response
 */
public record CallCounts(int lines, long calls, long allowed, long denied, long approvalRequired, long otherMessages,
                         long responses, long released, long unanswered, long evicted) {

    /** Nothing counted yet. */
    public static final CallCounts NONE = new CallCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Both counts added up (lines saturate at {@code Integer.MAX_VALUE}). */
    public CallCounts plus(CallCounts other) {
        return new CallCounts((int) Math.min(Integer.MAX_VALUE, (long) lines + other.lines), calls + other.calls,
                allowed + other.allowed, denied + other.denied, approvalRequired + other.approvalRequired,
                otherMessages + other.otherMessages, responses + other.responses, released + other.released,
                unanswered + other.unanswered, evicted + other.evicted);
    }
}
