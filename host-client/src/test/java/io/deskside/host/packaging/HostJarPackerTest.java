package io.deskside.host.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deskside.host.boot.Boot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostJarPackerTest {

    @Test
    void whatThePackerWritesBootReadsBackClassForClass() throws IOException {
        Random random = new Random(3);
        byte[] a = new byte[5000];
        byte[] b = new byte[17];
        random.nextBytes(a);
        random.nextBytes(b);
        byte[] pack = HostJarPacker.pack(List.of("a.B", "io.deskside.host.HostMain"), List.of(a, b));
        Map<String, byte[]> read = Boot.read(new ByteArrayInputStream(pack));
        assertEquals(2, read.size());
        assertArrayEquals(a, read.get("a.B"));
        assertArrayEquals(b, read.get("io.deskside.host.HostMain"));
    }
}
