package io.deskside.persistence.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deskside.persistence.queue.EndReason;
import io.deskside.persistence.queue.RequestState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallRecordTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void billableTimeRunsFromConfirmationToEndRoundedUpToWholeSeconds() {
        assertEquals(0, CallRecord.billableSeconds(null, T0.plusSeconds(60)), "never confirmed bills nothing");
        assertEquals(0, CallRecord.billableSeconds(T0, T0));
        assertEquals(1, CallRecord.billableSeconds(T0, T0.plusMillis(1)));
        assertEquals(90, CallRecord.billableSeconds(T0, T0.plusSeconds(90)));
        assertEquals(91, CallRecord.billableSeconds(T0, T0.plusSeconds(90).plusNanos(1)));
    }

    @Test
    void aClosedRecordNeverChangesAgain() {
        CallRecord record = new CallRecord(7, "Printers", null, null, "ann@pc1", "127.0.0.1", T0);
        record.claimed("bob", "Bob", T0.plusSeconds(5));
        record.confirmed(T0.plusSeconds(10));
        record.addTraffic(100, 2000);
        record.close(RequestState.ENDED, EndReason.GUEST_ENDED, T0.plusSeconds(70));
        assertFalse(record.isOpen());
        assertEquals(60, record.billableSeconds());
        assertThrows(IllegalStateException.class, () -> record.addTraffic(1, 1));
        assertThrows(IllegalStateException.class,
                () -> record.close(RequestState.ENDED, EndReason.HOST_ENDED, T0.plusSeconds(80)));
        assertEquals(2000, record.bytesToGuest());
    }
}
