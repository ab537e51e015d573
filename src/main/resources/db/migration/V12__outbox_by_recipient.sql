-- The sender claims what waits for an address together (a cycle's sixty reminders to one agency leave as one mail):
-- after the oldest due messages it takes the other due messages to their addresses, looked up by this index.
create index ix_mail_outbox_recipient on mail_outbox (recipient, status, next_attempt_at);
-- What each message is about in one line (plan, measure, agency), in its language: a mail that joins several lists it.
alter table mail_outbox add column summary varchar(1000);
