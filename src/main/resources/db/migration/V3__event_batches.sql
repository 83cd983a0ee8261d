-- A session's events are now stored a batch per row: everything one group commit stores of one session, as a
-- JSON array of {type, commandKey, event}. Under load a commit then writes a row and an index entry per session
-- instead of per event (docs/benchmarks.md, seventh round). Rows of wl_session_event written before this
-- migration stay where they are and are read before a session's batches; nothing writes there any more.
-- Portable between H2 and PostgreSQL: plain types, no vendor functions.
create table wl_session_batch (
    session_id  varchar(40)      not null,
    first_seq   bigint           not null,
    last_seq    bigint           not null,
    events      varchar(1000000) not null,
    recorded_at timestamp(6) with time zone not null,
    constraint pk_wl_session_batch primary key (session_id, first_seq),
    constraint fk_wl_session_batch_session foreign key (session_id) references wl_session (id)
);
