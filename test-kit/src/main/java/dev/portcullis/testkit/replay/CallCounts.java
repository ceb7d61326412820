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
}
