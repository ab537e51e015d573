package az.opengov.nap.notification;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.transaction.PlatformTransactionManager;
import az.opengov.nap.shared.Clock;

/**
 * The sender, only when {@code spring.mail.host} is set (Spring Boot creates the {@link JavaMailSender} then), and the
 * schedules: the outbox poller (every {@code nap.notification.poll-interval} once the outbox is empty, see
 * {@link OutboxSender#deliverAll()}), the deadline poller (every {@code nap.notification.reminder-poll} once no
 * reminder or escalation is due, see {@link Reminders} and {@link Escalations}; it queues mail whether or not it is
 * delivered) and the weekly digest at {@code nap.notification.digest-cron} (Baku time), all unless
 * {@code nap.notification.scheduling-enabled=false}.
 */
@Configuration
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    OutboxSender outboxSender(OutboxRepository outbox, JavaMailSenderImpl mail, NotificationProperties properties,
                              MailProperties mailProperties, PlatformTransactionManager transactions,
                              MailComposer composer) {
        String node = properties.nodeId() == null || properties.nodeId().isBlank() ? defaultNode()
                : properties.nodeId();
        log.info("Mail is delivered through {}:{} (node {})", mailProperties.getHost(), mailProperties.getPort(), node);
        return new OutboxSender(outbox, mail, properties, mailProperties, transactions, node, composer);
    }

    static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String name = host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    @Configuration
    @EnableScheduling
    @ConditionalOnProperty(prefix = "nap.notification", name = "scheduling-enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedules implements SchedulingConfigurer {

        private final ObjectProvider<OutboxSender> sender;
        private final NotificationService notifications;
        private final NotificationProperties properties;
        private final Reminders reminders;
        private final Escalations escalations;

        Schedules(ObjectProvider<OutboxSender> sender, NotificationService notifications,
                  NotificationProperties properties, Reminders reminders, Escalations escalations) {
            this.sender = sender;
            this.notifications = notifications;
            this.properties = properties;
            this.reminders = reminders;
            this.escalations = escalations;
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            sender.ifAvailable(s -> registrar.addFixedDelayTask(() -> deliver(s), properties.pollInterval()));
            registrar.addFixedDelayTask(() -> {
                int raised = raise("Reminders", reminders) + raise("Escalations", escalations);
                if (raised > 0) {
                    // their mail leaves now rather than at the outbox poller's next round
                    sender.ifAvailable(Schedules::deliver);
                }
            }, properties.reminderPoll());
            registrar.addCronTask(new CronTask(() -> {
                int queued = notifications.enqueueWeeklyDigests();
                log.info("Weekly digest: {} mails queued", queued);
            }, new CronTrigger(properties.digestCron(), Clock.BAKU)));
        }

        /** One round of the outbox sender; a failed round is logged, and the next tries again. */
        private static void deliver(OutboxSender sender) {
            try {
                sender.deliverAll();
            } catch (RuntimeException e) {
                log.error("Outbox round failed; the next round tries again", e);
            }
        }

        /** One round of a deadline poll; a failed round is logged, and the next tries again. */
        private static int raise(String what, WorklistPoll poll) {
            try {
                int raised = poll.raiseDue();
                if (raised > 0) {
                    log.info("{}: {} raised", what, raised);
                }
                return raised;
            } catch (RuntimeException e) {
                log.error("{} round failed; the next round tries again", what, e);
                return 0;
            }
        }
    }
}
