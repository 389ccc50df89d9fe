package io.deskside.host.boot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * What {@code java -jar} starts: the Host's classes travel as one deflate stream,
 * {@code classes.bin}, instead of a zip entry each (per-entry compression and headers were a
 * third of the jar: every class repeats the same constant-pool names in a stream of its own),
 * and this loader serves them from memory. The jar's other entries (its configuration) are found
 * as usual. When the download site signs the jar, {@code classes.bin} is a signed entry like
 * any other: a tampered pack fails as the JDK reads it, before any class of it runs.
 *
 * <p>ProGuard keeps this class under its own name, and {@code HostMain} under its own, which is
 * loaded here by name. The pack is written by {@code HostJarPacker} at build time.
 */
public final class Boot extends ClassLoader {

    static final String PACK = "/classes.bin";
    static final String MAIN = "io.deskside.host.HostMain";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private final ProtectionDomain domain = Boot.class.getProtectionDomain();

    private Boot(ClassLoader parent, Map<String, byte[]> classes) {
        super("deskside-host", parent);
        this.classes = classes;
    }

    public static void main(String[] args) throws Throwable {
        Map<String, byte[]> classes;
        try (InputStream in = Boot.class.getResourceAsStream(PACK)) {
            if (in == null) {
                throw new IllegalStateException("this Host jar has no " + PACK);
            }
            classes = read(in);
        }
        Boot loader = new Boot(Boot.class.getClassLoader(), classes);
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class.forName(MAIN, true, loader).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The pack: a zlib stream of {@code u32 count}, then for each class its binary name (UTF) and {@code u32 length, bytes}. */
    public static Map<String, byte[]> read(InputStream pack) throws IOException {
        DataInputStream in = new DataInputStream(new InflaterInputStream(pack));
        int count = in.readInt();
        Map<String, byte[]> classes = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            classes.put(name, bytes);
        }
        return classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes;
        synchronized (classes) {
            bytes = classes.remove(name);
        }
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }
}
