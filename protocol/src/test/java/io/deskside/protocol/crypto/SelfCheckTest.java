package io.deskside.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class SelfCheckTest {

    /** The same check the build runs against the Host's minimized jar, here on the full class path. */
    @Test
    void everyCryptographicPathOfASessionWorks() {
        assertDoesNotThrow(SelfCheck::run, "a ticket and a service key exchange, sealed records both ways, a wrong ticket refused");
    }
}
