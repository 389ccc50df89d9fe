package io.deskside.protocol.desktop;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever records one session receives, in whatever order, the Guest's screen decoder and
 * cursor cache and both sides' file receivers either apply them or say
 * {@link DesktopProtocolException}; they never throw anything else, and what they hold stays
 * consistent ({@link ReceivingSession} lists the checks). Where {@link DesktopMessageFuzzTest}
 * decodes each record on its own, this one carries state across the records of one input, so
 * it reaches what only a sequence reaches: persistent zlib streams and their reset, part order,
 * layout generations and changes of scale, COPY over what earlier rects drew, cursor slots, and
 * a file's offer, chunks, resume and cancel.
 *
 * <p>Inputs are {@link DesktopMessageFuzzTest}'s: repeated {@code [u8 selector][u16 length][record]}
 * (bits 4-7 of the selector are seconds that pass first, for the receivers' timers). Each input
 * is a fresh session; the first refusal ends it, as it ends a real one (there is nothing to
 * resync), so later records of that input are not applied. The build fuzzes it for a bounded
 * time (JAZZER_FUZZ=1 in the protocol module's {@code fuzz-desktop-session} execution);
 * otherwise it replays the committed inputs in DesktopSessionFuzzTestInputs, which
 * {@link DesktopSeeds} writes.
 */
class DesktopSessionFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void appliesRecordsInOrderOrRefusesAndNeverThrowsAnythingElse(byte[] input) {
        try (ReceivingSession session = new ReceivingSession()) {
            for (DesktopMessageFuzzTest.Item item : DesktopMessageFuzzTest.items(input)) {
                session.receive(item);
            }
        } catch (DesktopProtocolException refused) {
            // refused with a reason: the session ends here
        }
    }
}
