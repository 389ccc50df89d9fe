package io.deskside.host.packaging;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The build's last step on the Host jar: every class but {@code io.deskside.host.boot.Boot}
 * goes into one deflate stream, {@code classes.bin} (stored, since it is deflated already), and
 * the manifest starts {@code Boot}, which serves them from memory. On the shrunk Host this turns
 * about 260 KB into about 170 KB. Entries that are not classes stay as they are. Reproducible:
 * classes in name order, fixed times.
 *
 * <pre>java -cp deskside-host-client.jar io.deskside.host.packaging.HostJarPacker in.jar out.jar</pre>
 */
public final class HostJarPacker {

    static final String BOOT = "io/deskside/host/boot/";
    static final String PACK = "classes.bin";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private HostJarPacker() {
    }

    public static void pack(Path in, Path out) throws IOException {
        List<String> names = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        List<ZipEntry> kept = new ArrayList<>();
        List<byte[]> keptBodies = new ArrayList<>();
        try (ZipFile zip = new ZipFile(in.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            List<ZipEntry> all = new ArrayList<>();
            while (entries.hasMoreElements()) {
                all.add(entries.nextElement());
            }
            all.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry e : all) {
                if (e.isDirectory() || e.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                byte[] body;
                try (InputStream data = zip.getInputStream(e)) {
                    body = data.readAllBytes();
                }
                if (e.getName().endsWith(".class") && !e.getName().startsWith(BOOT)) {
                    names.add(e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.'));
                    bodies.add(body);
                } else {
                    kept.add(e);
                    keptBodies.add(body);
                }
            }
        }
        if (kept.stream().noneMatch(e -> e.getName().equals(BOOT + "Boot.class"))) {
            throw new IOException(in + " has no " + BOOT + "Boot.class: was it kept by ProGuard?");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.deskside.host.boot.Boot");
        Path temp = Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temp); JarOutputStream jar = new JarOutputStream(file)) {
                jar.setLevel(Deflater.BEST_COMPRESSION);
                ZipEntry m = entry(JarFile.MANIFEST_NAME);
                jar.putNextEntry(m);
                manifest.write(jar);
                jar.closeEntry();
                for (int i = 0; i < kept.size(); i++) {
                    jar.putNextEntry(entry(kept.get(i).getName()));
                    jar.write(keptBodies.get(i));
                    jar.closeEntry();
                }
                byte[] pack = pack(names, bodies);
                ZipEntry p = entry(PACK);
                p.setMethod(ZipEntry.STORED);
                p.setSize(pack.length);
                p.setCompressedSize(pack.length);
                CRC32 crc = new CRC32();
                crc.update(pack);
                p.setCrc(crc.getValue());
                jar.putNextEntry(p);
                jar.write(pack);
                jar.closeEntry();
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** What {@code Boot.read} reads: a zlib stream of the count, then each class's name and bytes. */
    static byte[] pack(List<String> names, List<byte[]> bodies) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            out.writeInt(names.size());
            for (int i = 0; i < names.size(); i++) {
                out.writeUTF(names.get(i));
                out.writeInt(bodies.get(i).length);
                out.write(bodies.get(i));
            }
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    private static ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        return e;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: HostJarPacker <shrunk.jar> <out.jar>");
            System.exit(2);
        }
        pack(Path.of(args[0]), Path.of(args[1]));
    }
}
