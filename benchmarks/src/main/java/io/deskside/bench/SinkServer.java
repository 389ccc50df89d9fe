package io.deskside.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The far end of the nginx baseline: a minimal WebSocket server (RFC 6455, binary messages, one
 * thread per connection) on loopback. It hands every message it receives to a consumer and can
 * send messages back, so the same traffic that crosses the gateway (Host to Guest and back) can
 * cross nginx (client to this sink and back) with one proxy in between.
 */
final class SinkServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** One accepted WebSocket: send binary messages to the client. */
    static final class Peer {
        private final OutputStream out;

        Peer(OutputStream out) {
            this.out = out;
        }

        synchronized void send(byte[] payload) throws IOException {
            int n = payload.length;
            if (n < 126) {
                out.write(new byte[] {(byte) 0x82, (byte) n});
            } else if (n < 65536) {
                out.write(new byte[] {(byte) 0x82, 126, (byte) (n >>> 8), (byte) n});
            } else {
                out.write(new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            }
            out.write(payload);
            out.flush();
        }
    }

    private final ServerSocket server;
    private final Consumer<Peer> opened;
    private final Consumer<byte[]> received;
    private volatile boolean closed;

    SinkServer(Consumer<Peer> opened, Consumer<byte[]> received) throws IOException {
        this.server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        this.opened = opened;
        this.received = received;
        Thread t = new Thread(this::accept, "sink-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "sink");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream raw = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                OutputStream out = socket.getOutputStream()) {
            String key = null;
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = raw.read()) >= 0) {
                if (c == '\n') {
                    String l = line.toString().strip();
                    if (l.isEmpty()) {
                        break;
                    }
                    if (l.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                        key = l.substring(18).strip();
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            if (key == null) {
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            opened.accept(new Peer(out));
            DataInputStream in = new DataInputStream(raw);
            java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                int opcode = b0 & 0x0F;
                if (opcode == 8) {
                    return;
                }
                if (opcode == 9 || opcode == 10) {
                    continue;
                }
                message.write(payload);
                if ((b0 & 0x80) != 0) {
                    received.accept(message.toByteArray());
                    message.reset();
                }
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
