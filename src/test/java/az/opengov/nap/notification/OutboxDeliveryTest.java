package az.opengov.nap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery through a real SMTP server (GreenMail) when things go wrong: the server down, a server that accepts the
 * connection and never answers, bad addresses, a node that dies holding a claim, two nodes sending at once; and a
 * burst over one kept connection in which a recipient is refused, the connection drops or the server stops (through
 * {@link SmtpProxy}). Time between attempts is moved with the engine clock.
 */
@SpringBootTest(properties = {"nap.notification.scheduling-enabled=false", "nap.notification.batch-size=4",
        "nap.notification.lease=PT20S", "nap.operations.metrics-refresh=0s",
        "spring.mail.properties.mail.smtp.connectiontimeout=1000", "spring.mail.properties.mail.smtp.timeout=1000",
        "spring.mail.properties.mail.smtp.writetimeout=1000"})
@ActiveProfiles("test")
class OutboxDeliveryTest {

    static final GreenMail SMTP = Mails.start();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRepository repository;
    @Autowired
    OutboxSender sender;
    @Autowired
    JavaMailSenderImpl mailSender;
    @Autowired
    NotificationProperties properties;
    @Autowired
    MailProperties mailProperties;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    NotificationService notifications;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("outboxHealthIndicator")
    HealthIndicator outboxHealth;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MailComposer composer;

    Instant now;

    @BeforeEach
    void clean() throws Exception {
        at(Instant.parse("2026-03-02T08:00:00Z"));
        new TransactionTemplate(transactions).executeWithoutResult(s -> jdbc.sql("delete from mail_outbox").update());
        SMTP.purgeEmailFromAllMailboxes();
        mailSender.setPort(SMTP.getSmtp().getPort());
    }

    @AfterEach
    void reset() {
        mailSender.setPort(SMTP.getSmtp().getPort());
        ClockUtil.reset();
    }

    @Test
    void smtpDownLosesNothingAndDeliversOnceWhenItIsBack() throws IOException {
        mailSender.setPort(closedPort());
        enqueue("down", "a@agency.example.az", "b@agency.example.az");

        assertThat(sender.deliverDue()).isZero();
        assertThat(all()).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
            assertThat(m.lastError()).contains("attempt 1").containsIgnoringCase("connect");
        });
        at(now.plusSeconds(30)); // not due yet: no attempt
        assertThat(sender.deliverDue()).isZero();
        assertThat(all()).extracting(OutboxMessage::attempts).containsOnly(1);

        mailSender.setPort(SMTP.getSmtp().getPort()); // the server is back
        at(now.plusSeconds(30));
        assertThat(sender.deliverDue()).isEqualTo(2);
        assertThat(all()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
        at(now.plus(Duration.ofHours(1)));
        assertThat(sender.deliverDue()).isZero();
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to)
                .containsExactlyInAnyOrder("a@agency.example.az", "b@agency.example.az");
    }

    @Test
    void retriesFollowTheBackoffThenFailAndAnAdministratorCanRetry() throws IOException {
        mailSender.setPort(closedPort());
        enqueue("backoff", "a@agency.example.az");
        long id = all().get(0).id();
        for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(6))) {
            assertThat(sender.deliverDue()).isZero();
            OutboxMessage m = notifications.message(id);
            assertThat(m.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(m.nextAttemptAt()).isEqualTo(now.plus(wait));
            at(now.plus(wait));
        }
        assertThat(sender.deliverDue()).isZero(); // the sixth attempt was the last
        assertThat(notifications.message(id).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(notifications.message(id).attempts()).isEqualTo(6);
        assertThat(notifications.message(id).lastError()).startsWith("attempt 6:");
        assertThat(notifications.outbox(OutboxStatus.FAILED, 0, 10).items()).extracting(OutboxMessage::id)
                .containsExactly(id);

        mailSender.setPort(SMTP.getSmtp().getPort());
        at(now.plus(Duration.ofDays(2)));
        assertThat(sender.deliverDue()).isZero(); // a failed mail waits for an administrator
        OutboxMessage retried = notifications.retry(id);
        assertThat(retried.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(retried.attempts()).isZero();
        assertThat(sender.deliverDue()).isEqualTo(1);
        assertThat(notifications.message(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(Mails.received(SMTP)).hasSize(1);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheRetryDeliversOnce() throws Exception {
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // accept, then say nothing, ever
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            mailSender.setPort(silent.getLocalPort());
            enqueue("silent", "a@agency.example.az");

            long started = System.nanoTime();
            assertThat(sender.deliverDue()).isZero();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(Duration.ofSeconds(10)); // the read timeout (1 s here), not forever
            assertThat(held).isNotEmpty();
            OutboxMessage m = all().get(0);
            assertThat(m.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(m.lastError()).containsIgnoringCase("timed out");
            assertThat(m.nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        mailSender.setPort(SMTP.getSmtp().getPort());
        at(now.plus(Duration.ofMinutes(1)));
        assertThat(sender.deliverDue()).isEqualTo(1);
        at(now.plus(Duration.ofHours(1)));
        assertThat(sender.deliverDue()).isZero();
        assertThat(Mails.received(SMTP)).hasSize(1);
        assertThat(all().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void malformedAddressesAreRejectedWithoutBlockingTheOthersAndNoHeaderCanBeInjected() {
        int queued = outbox.enqueue("inject", MailKind.REMINDER, null, null, "MCHT", null, "https://nap.example.az/x",
                List.of(r("first@agency.example.az"), r("victim@agency.example.az\r\nBcc: evil@attacker.example"),
                        r("not an address"), r("two@at@agency.example.az"), r("Name <named@agency.example.az>"),
                        r("list@agency.example.az, evil@attacker.example"), r("second@agency.example.az")),
                locale -> new RenderedMail(locale, "Xatırlatma\r\nBcc: evil@attacker.example", "mətn", "<p>mətn</p>"));
        assertThat(queued).isEqualTo(7);
        assertThat(all().stream().filter(m -> m.status() == OutboxStatus.REJECTED)).hasSize(5)
                .allSatisfy(m -> assertThat(m.lastError()).isEqualTo("malformed or unsafe address"));

        assertThat(sender.deliverDue()).isEqualTo(2);
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to)
                .containsExactlyInAnyOrder("first@agency.example.az", "second@agency.example.az");
        assertThat(Mails.received(SMTP)).allSatisfy(m -> {
            assertThat(m.subject()).isEqualTo("Xatırlatma Bcc: evil@attacker.example");
            assertThat(m.raw()).doesNotContainIgnoringCase("\nBcc:");
        });
        assertThat(SMTP.getReceivedMessagesForDomain("attacker.example")).isEmpty();
        // rejected ones are never attempted
        at(now.plus(Duration.ofDays(1)));
        assertThat(sender.deliverDue()).isZero();
        assertThat(all().stream().filter(m -> m.status() == OutboxStatus.REJECTED))
                .allSatisfy(m -> assertThat(m.attempts()).isZero());
    }

    @Test
    void theSameOccasionIsQueuedOncePerAddress() {
        assertThat(enqueue("once", "a@agency.example.az", "b@agency.example.az")).isEqualTo(2);
        assertThat(enqueue("once", "a@agency.example.az", "b@agency.example.az", "c@agency.example.az")).isEqualTo(1);
        assertThat(all()).hasSize(3);
        sender.deliverDue();
        assertThat(enqueue("once", "a@agency.example.az")).isZero(); // not even after it was sent
        assertThat(Mails.received(SMTP)).hasSize(3);
    }

    @Test
    void aMailToMoreRecipientsThanOneStatementTakesIsQueuedOncePerAddress() {
        String[] many = IntStream.range(0, 1001).mapToObj(i -> "m" + i + "@agency.example.az").toArray(String[]::new);
        assertThat(enqueue("many", many)).isEqualTo(1001);
        String[] again = java.util.Arrays.copyOf(many, 1002);
        again[1001] = "new@agency.example.az";
        assertThat(enqueue("many", again)).isEqualTo(1);
        assertThat(notifications.outbox(OutboxStatus.PENDING, 0, 1).total()).isEqualTo(1002);
    }

    @Test
    void aNodeThatDiesHoldingAClaimLosesNothingTheLeaseRunsOutAndAnotherNodeSends() {
        enqueue("crash", "a@agency.example.az");
        List<OutboxMessage> claimed = new TransactionTemplate(transactions).execute(s -> repository.claim("dead-node",
                now, now.plus(properties.lease()), 10));
        assertThat(claimed).hasSize(1);
        assertThat(sender.deliverDue()).isZero(); // still held by the dead node
        at(now.plus(properties.lease()).plusSeconds(1));
        assertThat(sender.deliverDue()).isEqualTo(1);
        assertThat(all().get(0).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(all().get(0).attempts()).isEqualTo(2);
        assertThat(Mails.received(SMTP)).hasSize(1);
    }

    @Test
    void twoNodesSendingAtOnceSendEachMailOnce() throws Exception {
        String[] addresses = IntStream.range(0, 40).mapToObj(i -> "user" + i + "@agency.example.az")
                .toArray(String[]::new);
        enqueue("race", addresses);
        OutboxSender other = new OutboxSender(repository, mailSender, properties, mailProperties, transactions,
                "node-b", composer);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (OutboxSender node : List.of(sender, other)) {
                results.add(pool.submit(() -> {
                    start.await();
                    int sent = 0;
                    for (int i = 0; i < 100; i++) {
                        int round = node.deliverDue();
                        sent += round;
                        if (round == 0 && pending() == 0) {
                            break;
                        }
                    }
                    return sent;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> r : results) {
                total += r.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(40);
        } finally {
            pool.shutdownNow();
            other.close();
        }
        assertThat(Mails.received(SMTP)).hasSize(40);
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to).containsExactlyInAnyOrder(addresses);
        assertThat(all()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
        assertThat(all()).extracting(OutboxMessage::attempts).containsOnly(1);
    }

    @Test
    void aBurstLeavesInOneCallOfThePollerBySeveralSendersEachMailOnce() {
        String[] addresses = IntStream.range(0, 30).mapToObj(i -> "burst" + i + "@agency.example.az")
                .toArray(String[]::new);
        enqueue("burst", addresses); // batches of 4: more than all senders' first rounds together

        assertThat(sender.deliverAll()).isEqualTo(30);
        assertThat(pending()).isZero();
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to).containsExactlyInAnyOrder(addresses);
        assertThat(all()).extracting(OutboxMessage::attempts).containsOnly(1);
        assertThat(sender.deliverAll()).isZero();
    }

    // ---- what waits for one address leaves together ----------------------------------------------------------------

    @Test
    void messagesOfOneKindWaitingForOneAddressLeaveAsOneMailListingEach() throws Exception {
        for (String measure : List.of("1.1", "2.3", "7.4")) {
            enqueue(MailKind.REMINDER, "az", "reminder " + measure, "Xatırlatma: tədbir " + measure,
                    "a@agency.example.az");
        }
        enqueue(MailKind.REMINDER, "az", "reminder 1.1", "Xatırlatma: tədbir 1.1", "b@agency.example.az");
        enqueue(MailKind.RETURNED, "az", "returned 5.2", "Qaytarıldı: tədbir 5.2", "a@agency.example.az");
        enqueue(MailKind.RETURNED, "az", "returned 5.3", "Qaytarıldı: tədbir 5.3", "a@agency.example.az");
        enqueue(MailKind.REMINDER, "en", "reminder 3.1", "Reminder: measure 3.1", "c@agency.example.az");
        enqueue(MailKind.REMINDER, "en", "reminder 3.2", "Reminder: measure 3.2", "c@agency.example.az");

        try (OutboxSender one = oneSender()) { // several workers may each take part of what waits for one address
            assertThat(one.deliverAll()).isEqualTo(8);
        }

        // a: one mail for its three reminders, and each return on its own (a reviewer's comment to read)
        assertThat(Mails.to(SMTP, "a@agency.example.az")).extracting(Mails.Received::subject)
                .containsExactlyInAnyOrder("Xatırlatma: 3 hesabatın son tarixi yaxınlaşır", "Qaytarıldı: tədbir 5.2",
                        "Qaytarıldı: tədbir 5.3");
        Mails.Received three = Mails.one(SMTP, "a@agency.example.az", "3 hesabat").orElseThrow();
        assertThat(three.contentLanguage()).isEqualTo("az");
        for (String measure : List.of("1.1", "2.3", "7.4")) {
            assertThat(three.text().replace("\r\n", "\n")).contains("* Xatırlatma: tədbir " + measure
                    + "\n  Hesabatı təqdim edin: "
                    + "https://nap.example.az/workspace/reminder%20" + measure);
            assertThat(three.html()).contains("Xatırlatma: tədbir " + measure)
                    .contains("href=\"https://nap.example.az/workspace/reminder%20" + measure + "\"");
        }
        // each message's own key, for a receiving system to recognise a repeat of any of them
        List<OutboxMessage> reminders = all().stream().filter(m -> m.recipient().startsWith("a@")
                && m.kind() == MailKind.REMINDER).toList();
        assertThat(three.outboxKeys()).containsExactlyInAnyOrderElementsOf(
                reminders.stream().map(m -> m.id() + " " + m.dedupKey()).toList());
        // b's single reminder is the message as it was written; c's two are joined in English
        assertThat(Mails.to(SMTP, "b@agency.example.az")).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Xatırlatma: tədbir 1.1");
            assertThat(m.text()).isEqualTo("mətn reminder 1.1");
        });
        assertThat(Mails.to(SMTP, "c@agency.example.az")).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Reminder: 2 reports due soon");
            assertThat(m.text()).contains("2 notices for you arose at the same time")
                    .contains("* Reminder: measure 3.1").contains("* Reminder: measure 3.2");
        });
        assertThat(Mails.received(SMTP)).hasSize(5);
        assertThat(all()).hasSize(8).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(m.attempts()).isEqualTo(1);
        });
        assertThat(sender.deliverAll()).isZero();
    }

    @Test
    void aJoinedMailThatFailsKeepsEachOfItsMessagesForTheNextAttemptAndARefusedAddressFailsThemAll()
            throws Exception {
        for (String measure : List.of("1.1", "2.3", "7.4")) {
            enqueue(MailKind.REMINDER, "az", "down " + measure, "Xatırlatma: tədbir " + measure, "a@agency.example.az");
            enqueue(MailKind.REMINDER, "az", "down " + measure, "Xatırlatma: tədbir " + measure,
                    "nobody@agency.example.az");
        }
        mailSender.setPort(closedPort());
        assertThat(sender.deliverAll()).isZero();
        assertThat(all()).hasSize(6).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
            assertThat(m.lastError()).startsWith("attempt 1:").containsIgnoringCase("connect");
        });

        at(now.plus(Duration.ofMinutes(1)));
        try (SmtpProxy proxy = new SmtpProxy(SMTP.getSmtp().getPort()).reject("nobody@agency.example.az");
             OutboxSender one = oneSender()) {
            mailSender.setPort(proxy.port());
            assertThat(one.deliverAll()).isEqualTo(3);
        }
        assertThat(Mails.received(SMTP)).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("a@agency.example.az");
            assertThat(m.subject()).isEqualTo("Xatırlatma: 3 hesabatın son tarixi yaxınlaşır");
        });
        assertThat(all()).allSatisfy(m -> {
            assertThat(m.attempts()).isEqualTo(2);
            if (m.recipient().startsWith("nobody")) {
                assertThat(m.status()).isEqualTo(OutboxStatus.FAILED);
                assertThat(m.lastError()).startsWith("attempt 2:").contains("550");
            } else {
                assertThat(m.status()).isEqualTo(OutboxStatus.SENT);
            }
        });
        assertOperations(0, 3, 3);
    }

    @Test
    void oneMailListsAtMostWhatOneClaimTakesAndTheRestFollowsInTheNext() throws Exception {
        // batches of 4: a claim takes the 4 oldest and up to 40 in all for their addresses
        for (int i = 0; i < 45; i++) {
            enqueue(MailKind.TASK_OPENED, "ru", "opened " + i, "Мероприятие " + i, "many@agency.example.az");
        }
        try (OutboxSender one = oneSender()) {
            assertThat(one.deliverAll()).isEqualTo(45);
        }
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::subject).containsExactly(
                "Требуются отчёты по мероприятиям: 40", "Требуются отчёты по мероприятиям: 5");
        assertThat(Mails.received(SMTP).stream().flatMap(m -> m.outboxKeys().stream()).distinct()).hasSize(45);
        assertThat(all()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
    }

    @Test
    void aCyclesRequestsGatherForTheWindowAndLeaveAsOneMailWhenTheFirstFallsDue() {
        // the production window: a request waits a minute, and what follows of its kind for the address leaves with it
        Outbox gathering = new Outbox(repository, properties(Duration.ofMinutes(1)));
        Instant opened = now;
        gathering.enqueue(Outbox.key(MailKind.TASK_OPENED, 1L, 1, "MCHT", null, null), MailKind.TASK_OPENED, 1L, 1,
                "MCHT", null, "https://nap.example.az/workspace/tasks/1", List.of(r("a@agency.example.az")),
                locale -> new RenderedMail(locale, "Hesabat: tədbir 1.1", "mətn 1.1", "<p>mətn 1.1</p>", "1.1"));
        at(opened.plusSeconds(20));
        gathering.enqueue(Outbox.key(MailKind.TASK_OPENED, 2L, 1, "MCHT", null, null), MailKind.TASK_OPENED, 2L, 1,
                "MCHT", null, "https://nap.example.az/workspace/tasks/2", List.of(r("a@agency.example.az")),
                locale -> new RenderedMail(locale, "Hesabat: tədbir 1.2", "mətn 1.2", "<p>mətn 1.2</p>", "1.2"));
        gathering.enqueue(Outbox.key(MailKind.INVITATION, 3L, 1, "MCHT", null, null), MailKind.INVITATION, 3L, 1,
                "MCHT", null, "https://nap.example.az/workspace/tasks/3", List.of(r("a@agency.example.az")),
                locale -> new RenderedMail(locale, "Dəvət: tədbir 2.1", "mətn 2.1", "<p>mətn 2.1</p>", "2.1"));
        // a kind that does not gather leaves at once, and takes none of the waiting ones with it
        gathering.enqueue(Outbox.key(MailKind.RETURNED, 1L, 1, "MCHT", null, "report=1"), MailKind.RETURNED, 1L, 1,
                "MCHT", null, "https://nap.example.az/workspace/tasks/4", List.of(r("a@agency.example.az")),
                locale -> new RenderedMail(locale, "Qaytarıldı: tədbir 1.1", "mətn", "<p>mətn</p>"));
        assertThat(sender.deliverAll()).isEqualTo(1);
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::subject).containsExactly("Qaytarıldı: tədbir 1.1");
        assertThat(pending()).isEqualTo(3);

        at(opened.plusSeconds(59));
        assertThat(sender.deliverAll()).isZero();
        // the first request falls due: the second, queued 20 s later, leaves with it; the invitation waits its own
        // minute
        at(opened.plusSeconds(61));
        assertThat(sender.deliverAll()).isEqualTo(2);
        assertThat(Mails.received(SMTP)).hasSize(2);
        Mails.Received joined = Mails.received(SMTP).get(1);
        assertThat(joined.outboxKeys()).hasSize(2);
        assertThat(joined.text()).contains("Hesabat: tədbir 1.1", "Hesabat: tədbir 1.2").doesNotContain("Dəvət");
        assertThat(pending()).isEqualTo(1);
        at(opened.plusSeconds(81));
        assertThat(sender.deliverAll()).isEqualTo(1);
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::subject).last().isEqualTo("Dəvət: tədbir 2.1");
        assertThat(all()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
        assertThat(all()).extracting(OutboxMessage::attempts).containsOnly(1);
    }

    @Test
    void severalSendersDeliverEverythingWaitingForFewAddressesEachMessageOnce() {
        // what the four workers claim at once overlaps: each may take part of one address's messages, none stops
        // while any is left
        for (int i = 0; i < 60; i++) {
            enqueue(MailKind.REMINDER, "az", "many " + i, "Xatırlatma " + i, "agency" + (i % 3) + "@agency.example.az");
        }
        enqueue(MailKind.RETURNED, "az", "returned", "Qaytarıldı", "agency0@agency.example.az");
        assertThat(sender.deliverAll()).isEqualTo(61);
        assertThat(pending()).isZero();
        assertThat(Mails.received(SMTP).stream().flatMap(m -> m.outboxKeys().stream()).toList()).hasSize(61)
                .doesNotHaveDuplicates();
        assertThat(Mails.received(SMTP).size()).isLessThan(20);
        assertThat(all()).extracting(OutboxMessage::attempts).containsOnly(1);
    }

    // ---- one connection for a burst --------------------------------------------------------------------------------

    @Test
    void aBurstGoesOverOneConnectionEachMailRecordedSentBeforeTheNextBegins() throws Exception {
        String[] addresses = IntStream.range(0, 30).mapToObj(i -> "kept" + i + "@agency.example.az")
                .toArray(String[]::new);
        enqueue("kept", addresses); // batches of 4: the connection outlives the rounds
        List<Long> sentWhenBegun = Collections.synchronizedList(new ArrayList<>());
        try (SmtpProxy proxy = new SmtpProxy(SMTP.getSmtp().getPort()); OutboxSender one = oneSender()) {
            proxy.onMessage(n -> sentWhenBegun.add(count(OutboxStatus.SENT)));
            mailSender.setPort(proxy.port());

            assertThat(one.deliverAll()).isEqualTo(30);
            assertThat(proxy.connections()).isEqualTo(1);
        }
        // each mail was SENT in the database before the next one began: a crash leaves at most one unrecorded
        assertThat(sentWhenBegun).containsExactlyElementsOf(LongStream.range(0, 30).boxed().toList());
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to).containsExactlyInAnyOrder(addresses);
        assertThat(all()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
        assertThat(all()).extracting(OutboxMessage::attempts).containsOnly(1);
    }

    @Test
    void aConnectionIsClosedAfterItsQuotaAndTheNextOneCarriesOn() throws Exception {
        String[] addresses = IntStream.range(0, 10).mapToObj(i -> "quota" + i + "@agency.example.az")
                .toArray(String[]::new);
        enqueue("quota", addresses);
        try (SmtpProxy proxy = new SmtpProxy(SMTP.getSmtp().getPort()); OutboxSender one = oneSender(4)) {
            mailSender.setPort(proxy.port());

            assertThat(one.deliverAll()).isEqualTo(10);
            assertThat(proxy.connections()).isEqualTo(3); // 4 + 4 + 2
        }
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to).containsExactlyInAnyOrder(addresses);
    }

    @Test
    void aRefusedRecipientInTheMiddleFailsAloneAndTheOthersAreSentOnce() throws Exception {
        List<String> addresses = new ArrayList<>(IntStream.range(0, 9).mapToObj(i -> "ok" + i + "@agency.example.az")
                .toList());
        addresses.add(4, "nobody@agency.example.az");
        enqueue("refused", addresses.toArray(String[]::new));
        try (SmtpProxy proxy = new SmtpProxy(SMTP.getSmtp().getPort()).reject("nobody@agency.example.az");
             OutboxSender one = oneSender()) {
            mailSender.setPort(proxy.port());

            assertThat(one.deliverAll()).isEqualTo(9);
            assertThat(proxy.connections()).isEqualTo(2); // closed after the refusal, a new one for the rest
            at(now.plus(Duration.ofDays(1)));
            assertThat(one.deliverAll()).isZero(); // a refused address is not tried again
        }
        OutboxMessage refused = all().stream().filter(m -> m.recipient().startsWith("nobody")).findFirst()
                .orElseThrow();
        assertThat(refused.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.lastError()).contains("550");
        assertThat(all().stream().filter(m -> m.id() != refused.id()))
                .hasSize(9).allSatisfy(m -> assertThat(m.status()).isEqualTo(OutboxStatus.SENT));
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to)
                .containsExactlyInAnyOrderElementsOf(addresses.stream().filter(a -> !a.startsWith("nobody")).toList());
        assertOperations(0, 1, 9);
    }

    @Test
    void aDroppedConnectionIsOpenedAgainAndTheMailInFlightGoesOverTheNewOneOnce() throws Exception {
        String[] addresses = IntStream.range(0, 10).mapToObj(i -> "drop" + i + "@agency.example.az")
                .toArray(String[]::new);
        enqueue("drop", addresses);
        try (SmtpProxy proxy = new SmtpProxy(SMTP.getSmtp().getPort()).dropAtMessage(4);
             OutboxSender one = oneSender()) {
            mailSender.setPort(proxy.port());

            assertThat(one.deliverAll()).isEqualTo(10);
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(proxy.messagesBegun()).isEqualTo(11); // the fourth twice: dropped before the server saw it
        }
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to).containsExactlyInAnyOrder(addresses);
        assertThat(all()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
        assertThat(all()).extracting(OutboxMessage::attempts).containsOnly(1);
        assertOperations(0, 0, 10);
    }

    @Test
    void aServerThatStopsInTheMiddleLosesNothingAndSendsNothingTwice() throws Exception {
        String[] addresses = IntStream.range(0, 10).mapToObj(i -> "stop" + i + "@agency.example.az")
                .toArray(String[]::new);
        enqueue("stop", addresses);
        try (SmtpProxy proxy = new SmtpProxy(SMTP.getSmtp().getPort()).stopAtMessage(4);
             OutboxSender one = oneSender()) {
            mailSender.setPort(proxy.port());

            assertThat(one.deliverAll()).isEqualTo(3);
            assertThat(all().stream().filter(m -> m.status() == OutboxStatus.PENDING)).hasSize(7)
                    .allSatisfy(m -> {
                        assertThat(m.attempts()).isEqualTo(1);
                        assertThat(m.nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
                        assertThat(m.lastError()).startsWith("attempt 1:");
                    });
            assertOperations(7, 0, 3);

            proxy.resume(); // the server is back
            at(now.plus(Duration.ofMinutes(1)));
            assertThat(one.deliverAll()).isEqualTo(7);
        }
        assertThat(Mails.received(SMTP)).extracting(Mails.Received::to).containsExactlyInAnyOrder(addresses);
        assertThat(all()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
        assertOperations(0, 0, 10);
    }

    /** The outbox's health and the mail gauges, read afresh, agree with the rows. */
    private void assertOperations(long pending, long failed, long sent) {
        Health health = outboxHealth.health();
        assertThat(health.getDetails()).containsEntry("pending", pending).containsEntry("failed", failed);
        assertThat(health.getStatus().getCode()).isEqualTo(failed > 0 ? "WARN" : "UP");
        meters.get("nap.engine.incidents").gauge().value(); // reads the figures again (metrics-refresh 0s)
        assertThat(meters.get("nap.mail.messages").tag("status", "SENT").gauge().value()).isEqualTo((double) sent);
        assertThat(meters.find("nap.mail.messages").tag("status", "FAILED").gauges().stream()
                .mapToDouble(g -> g.value()).sum()).isEqualTo((double) failed);
        assertThat(meters.find("nap.mail.messages").tag("status", "PENDING").gauges().stream()
                .mapToDouble(g -> g.value()).sum()).isEqualTo((double) pending);
    }

    /** A node with one sender worker: its connections are the proxy's to count. */
    private OutboxSender oneSender() {
        return oneSender(properties.messagesPerConnection());
    }

    private OutboxSender oneSender(int messagesPerConnection) {
        NotificationProperties p = properties;
        return new OutboxSender(repository, mailSender, new NotificationProperties(p.baseUrl(), p.from(),
                p.schedulingEnabled(), p.pollInterval(), p.batchSize(), 1, messagesPerConnection, p.lease(),
                p.retryBackoff(), p.digestCron(), p.nodeId(), p.reminderPoll(), p.gatherWindow()), mailProperties,
                transactions, "one-sender", composer);
    }

    /** The test's settings with another gather window. */
    private NotificationProperties properties(Duration gatherWindow) {
        NotificationProperties p = properties;
        return new NotificationProperties(p.baseUrl(), p.from(), p.schedulingEnabled(), p.pollInterval(),
                p.batchSize(), p.senders(), p.messagesPerConnection(), p.lease(), p.retryBackoff(), p.digestCron(),
                p.nodeId(), p.reminderPoll(), gatherWindow);
    }

    private long count(OutboxStatus status) {
        return jdbc.sql("select count(*) from mail_outbox where status = ?").param(status.name()).query(Long.class)
                .single();
    }

    private long pending() {
        return jdbc.sql("select count(*) from mail_outbox where status in ('PENDING', 'SENDING')").query(Long.class)
                .single();
    }

    private int enqueue(String key, String... addresses) {
        return outbox.enqueue(Outbox.key(MailKind.REMINDER, 1L, 1, "MCHT", null, key), MailKind.REMINDER, 1L, 1, "MCHT",
                null, "https://nap.example.az/workspace", java.util.Arrays.stream(addresses).map(this::r).toList(),
                locale -> new RenderedMail(locale, "Xatırlatma " + key, "mətn " + key, "<p>mətn " + key + "</p>"));
    }

    private void enqueue(MailKind kind, String language, String key, String subject, String address) {
        outbox.enqueue(Outbox.key(kind, 1L, 1, "MCHT", null, key), kind, 1L, 1, "MCHT", null,
                "https://nap.example.az/workspace/" + key.replace(" ", "%20"),
                List.of(new Recipient(address, Locale.forLanguageTag(language))),
                locale -> new RenderedMail(locale, subject, "mətn " + key, "<p>mətn " + key + "</p>"));
    }

    private Recipient r(String address) {
        return new Recipient(address, Locale.forLanguageTag("az"));
    }

    private List<OutboxMessage> all() {
        return notifications.outbox(null, 0, 200).items();
    }

    private void at(Instant instant) {
        now = instant;
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
