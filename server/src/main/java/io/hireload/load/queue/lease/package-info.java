/**
 * The queue's leases: each instance's heartbeat renews the items its workers hold, hands back
 * what a stalled worker gave up, and ends the loads of an instance that stopped beating. Part of
 * the queue (it may name {@code load_run} and {@code load_item}); the claim itself stays in
 * {@code LoadItems}.
 */
package io.hireload.load.queue.lease;
