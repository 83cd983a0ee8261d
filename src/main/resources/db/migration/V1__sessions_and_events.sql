-- Portable between H2 and PostgreSQL: plain types, no vendor functions.
create table wl_session (
    id          varchar(40)  not null primary key,
    join_code   varchar(16)  not null,
    template_id varchar(60)  not null,
    title       varchar(200) not null,
    created_at  timestamp(6) with time zone not null,
    constraint uq_wl_session_join_code unique (join_code)
);

create table wl_session_event (
    session_id  varchar(40)      not null,
    seq         bigint           not null,
    event_type  varchar(60)      not null,
    payload     varchar(1000000) not null,
    recorded_at timestamp(6) with time zone not null,
    constraint pk_wl_session_event primary key (session_id, seq),
    constraint fk_wl_session_event_session foreign key (session_id) references wl_session (id)
);
