package io.deskside.protocol.client;

import io.deskside.protocol.wire.Frame;
import java.util.List;

/**
 * The tunnel as its carriers see it: where they get what goes up and hand what comes down, and
 * whom they tell when they break. A carrier reaches nothing of the tunnel but this.
 */
interface CarrierOwner {

    /** Frames ready to go up: {@code bytes} back to back, of which {@code sequenced} are counted ones. */
    record Pending(byte[] bytes, long sequenced) {
    }

    /** The tunnel's name for requests on it ({@code id.secret}), empty before the first welcome. */
    String token();

    /** The oldest counted frame the tunnel still keeps: the gateway has all before it. */
    long firstKept();

    /** How many counted frames have arrived. */
    long received();

    /** How many counted frames have been sent. */
    long sent();

    /** What waits to go up: the transport's own frames, then counted ones from number {@code from} on. */
    Pending pending(long from);

    /**
     * Frames that arrived on {@code carrier}, the first counted one numbered {@code seq}; returns
     * the number after the last. Frames the tunnel already has are skipped.
     */
    long arrived(Carrier carrier, List<Frame> frames, long seq);

    /** {@code carrier} passed on more counted frames ({@link Carrier#written}). Called on any thread, maybe under the carrier's lock. */
    void wrote(Carrier carrier);

    /** The gateway says it has received {@code count} counted frames. */
    void acked(Carrier carrier, long count);

    /** The carrier ended or stalled ({@code stalled}); {@code why} is for the log. */
    void failed(Carrier carrier, boolean stalled, String why);
}
