package az.opengov.nap.notification;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A TCP proxy in front of a real SMTP server (GreenMail) that does what GreenMail never does: refuses a recipient with
 * {@code 550}, drops a connection in the middle of a burst, or stops answering altogether. It counts the connections
 * and the messages begun ({@code MAIL FROM}), and can look at the database when a message begins, i.e. after the
 * previous message's exchange ended. SMTP is lock-step (Jakarta Mail does not pipeline), so a command the proxy answers
 * itself never crosses an answer of the server.
 */
final class SmtpProxy implements AutoCloseable {

    private final int target;
    private final ServerSocket listener;
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final List<Socket> open = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private volatile int dropAt;
    private volatile int stopAt;
    private volatile boolean stopped;
    private volatile IntConsumer onMessage = n -> { };

    SmtpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0);
        Thread acceptor = new Thread(this::accept, "smtp-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Answers {@code RCPT TO} for this address with 550 (no such user). */
    SmtpProxy reject(String address) {
        rejected.add(address.toLowerCase(Locale.ROOT));
        return this;
    }

    /** Drops the connection when the {@code n}-th message (counted from 1 over all connections) begins. */
    SmtpProxy dropAtMessage(int n) {
        dropAt = n;
        return this;
    }

    /** Drops the connection when the {@code n}-th message begins, and from then on every new connection at once. */
    SmtpProxy stopAtMessage(int n) {
        stopAt = n;
        return this;
    }

    /** The server answers again. */
    SmtpProxy resume() {
        stopped = false;
        stopAt = 0;
        return this;
    }

    /** Called with the message's number when a message begins, before the server sees it. */
    SmtpProxy onMessage(IntConsumer check) {
        onMessage = check;
        return this;
    }

    int connections() {
        return connections.get();
    }

    int messagesBegun() {
        return messages.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (stopped) {
                    client.close();
                    continue;
                }
                connections.incrementAndGet();
                Socket server = new Socket("127.0.0.1", target);
                synchronized (open) {
                    open.add(client);
                    open.add(server);
                }
                daemon(() -> pump(server, client), "smtp-proxy-down").start();
                daemon(() -> commands(client, server), "smtp-proxy-up").start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** The server's answers, as they are. */
    private static void pump(Socket server, Socket client) {
        try {
            InputStream in = server.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(server, client);
        }
    }

    /** The client's commands, line by line: answered here, dropped, or passed on. */
    private void commands(Socket client, Socket server) {
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream up = server.getOutputStream();
            OutputStream down = client.getOutputStream();
            boolean data = false;
            byte[] line;
            while ((line = readLine(in)) != null) {
                String text = new String(line, StandardCharsets.US_ASCII).strip();
                String command = text.toUpperCase(Locale.ROOT);
                if (data) {
                    data = !text.equals(".");
                } else if (command.startsWith("MAIL FROM")) {
                    int n = messages.incrementAndGet();
                    onMessage.accept(n);
                    if (n == dropAt || n == stopAt) {
                        stopped = n == stopAt;
                        return;
                    }
                } else if (command.startsWith("RCPT TO") && rejected.contains(address(text))) {
                    synchronized (down) {
                        down.write(("550 5.1.1 <" + address(text) + ">: no such user\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        down.flush();
                    }
                    continue;
                } else if (command.equals("DATA")) {
                    data = true;
                }
                up.write(line);
                up.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(server, client);
        }
    }

    private static String address(String rcpt) {
        int open = rcpt.indexOf('<');
        int close = rcpt.indexOf('>');
        return open < 0 || close < open ? "" : rcpt.substring(open + 1, close).toLowerCase(Locale.ROOT);
    }

    /** One line with its CRLF, or null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (open) {
            open.forEach(SmtpProxy::closeQuietly);
        }
    }
}
