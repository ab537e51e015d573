-- A message about a report is written when it leaves: queued with its subject, summary and the model its text and
-- HTML are written from (JSON). Most of a cycle's requests and reminders leave joined, listed by subject and summary,
-- and are never written out at all. Mails written at once (digests, the portal's) keep their bodies and no model.
alter table mail_outbox add column model varchar(40000);
alter table mail_outbox alter column body_text drop not null;
alter table mail_outbox alter column body_html drop not null;
