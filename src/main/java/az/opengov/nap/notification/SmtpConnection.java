package az.opengov.nap.notification;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection that carries message after message: connected on the first message, then one MAIL, RCPT, DATA
 * exchange per message (about 11 ms against 60 ms for a connection of its own on the benchmark machine). Unlike
 * {@link JavaMailSenderImpl#send(MimeMessage...)}, which also keeps one connection for several messages, it takes one
 * message at a time and says at once whether the server accepted it, so that the caller records each message's
 * outcome right after its own exchange: a crash can leave at most the one message in flight unrecorded.
 *
 * <p>Server address, credentials, protocol and session (with its timeouts) are those of Spring Boot's
 * {@code spring.mail.*}, read from the sender on each connect. After a failed exchange the connection is closed: the
 * next message opens a new one. A message that fails on a connection which has carried messages before, for any
 * reason but a rejected recipient, is tried once more on a new connection: servers close connections that were idle
 * or carried their quota, and the message would otherwise wait for the outbox's backoff. After
 * {@code messagesPerConnection} messages the connection is closed and a new one opened, as many servers limit the
 * messages of one connection. Not thread-safe: one per sender worker.
 */
final class SmtpConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final JavaMailSenderImpl mail;
    private final int messagesPerConnection;
    private Transport transport;
    private int carried;

    SmtpConnection(JavaMailSenderImpl mail, int messagesPerConnection) {
        this.mail = mail;
        this.messagesPerConnection = messagesPerConnection;
    }

    /**
     * Sends one message; returns once the server has accepted it.
     *
     * @throws MessagingException the server did not accept it (or the answer never came)
     */
    void send(MimeMessage message) throws MessagingException {
        // as JavaMailSenderImpl does before sending: headers computed, an explicit Message-ID kept
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        Address[] recipients = message.getAllRecipients();
        Address[] to = recipients == null ? new Address[0] : recipients;
        boolean reused = transport != null;
        try {
            exchange(message, to);
        } catch (MessagingException e) {
            int before = carried;
            close();
            if (!reused || OutboxSender.rejectedRecipient(e)) {
                throw e;
            }
            log.info("SMTP connection failed after {} message(s), trying a new one: {}", before, e.getMessage());
            exchange(message, to);
        }
    }

    private void exchange(MimeMessage message, Address[] to) throws MessagingException {
        if (transport == null) {
            transport = connect();
            carried = 0;
        }
        transport.sendMessage(message, to);
        carried++;
        if (carried >= messagesPerConnection) {
            close();
        }
    }

    private Transport connect() throws MessagingException {
        String username = mail.getUsername();
        String password = mail.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        String protocol = mail.getProtocol() == null ? JavaMailSenderImpl.DEFAULT_PROTOCOL : mail.getProtocol();
        Transport t = mail.getSession().getTransport(protocol);
        t.connect(mail.getHost(), mail.getPort(), username, password);
        return t;
    }

    /** Ends the conversation (QUIT); a failure to say goodbye is of no consequence. */
    @Override
    public void close() {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("SMTP connection did not close cleanly: {}", e.getMessage());
        } finally {
            transport = null;
        }
    }
}
