-- One application user per identity-provider subject.
create unique index ux_app_user_oidc_subject on app_user (oidc_subject);
