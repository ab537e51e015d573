package az.opengov.nap.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A real SMTP server for the test (GreenMail on a free port) and what it received, read back as plain values. */
final class Mails {

    private Mails() {
    }

    static GreenMail start() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return server;
    }

    /**
     * One received mail: its single recipient, subject, parts, raw headers and the outbox messages it carries (their
     * {@code X-NAP-Outbox-Key}s: one, or several joined in one mail).
     */
    record Received(String to, String subject, String text, String html, String contentLanguage, String raw,
                    List<String> outboxKeys) {
    }

    static List<Received> received(GreenMail server) {
        return Arrays.stream(server.getReceivedMessages()).map(Mails::read).toList();
    }

    static List<Received> to(GreenMail server, String address) {
        return received(server).stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    static Optional<Received> one(GreenMail server, String address, String subjectPart) {
        return to(server, address).stream().filter(m -> m.subject().contains(subjectPart)).findFirst();
    }

    private static Received read(MimeMessage m) {
        try {
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(m, text, html);
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            m.writeTo(raw);
            return new Received(m.getRecipients(Message.RecipientType.TO)[0].toString(), m.getSubject(),
                    text.toString(), html.toString(), m.getHeader("Content-Language", ","), raw.toString(),
                    m.getHeader("X-NAP-Outbox-Key") == null ? List.of() : List.of(m.getHeader("X-NAP-Outbox-Key")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws Exception {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, html);
            }
        }
    }
}
