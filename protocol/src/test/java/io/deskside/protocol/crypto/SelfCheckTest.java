package io.deskside.protocol.crypto;

import org.junit.jupiter.api.Test;

class SelfCheckTest {

    /** The same check the build runs against the Host's minimized jar, here on the full class path. */
    @Test
    void everyCryptographicPathOfASessionWorks() {
        SelfCheck.run();
    }
}
