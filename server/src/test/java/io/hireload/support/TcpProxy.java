package io.hireload.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy a test can break: {@link #down()} closes every connection through it and
 * refuses new ones, {@link #up()} lets them through again. Put between the server and PostgreSQL
 * or S3, it makes "the database went away" a thing a test can do.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;
    private volatile int bytesPerSecond;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::acceptLoop, "tcp-proxy-" + targetPort);
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts every connection now and refuses new ones until {@link #up()}. */
    public void down() {
        up = false;
        cut();
    }

    /** Cuts every connection now; new ones go through (a connection reset on the way). */
    public void cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void up() {
        up = true;
    }

    /** Lets at most {@code rate} bytes a second through each direction; 0 for no limit. */
    public void throttle(int rate) {
        bytesPerSecond = rate;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!up) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // listener closed, or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    int rate = bytesPerSecond;
                    if (rate > 0) {
                        Thread.sleep(Math.max(1, n * 1000L / rate));
                    }
                }
            } catch (IOException e) {
                // either side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        down();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
