-- Retried submissions: a client (the JSON API's Idempotency-Key header, the workspace's hidden form token) names a
-- submission with a key of its own; the first result is kept here, in the transaction of the submission itself, so a
-- retry with the same key (a lost answer, a double click, a second node) gets the first result and submits nothing.
-- One key per user: the same key from two users is two submissions. fingerprint is a SHA-256 of the task and the
-- content sent, so that a key reused for different content is refused.
create table submission_key (
    username            varchar(100) not null,
    idempotency_key     varchar(100) not null,
    fingerprint         varchar(64)  not null,
    task_id             varchar(64)  not null,
    report_id           bigint       not null references progress_report (id),
    result_status       varchar(20)  not null,
    created_at          timestamp with time zone not null,
    constraint pk_submission_key primary key (username, idempotency_key)
);
create index ix_submission_key_created on submission_key (created_at);
