-- The client command that caused an event, so a command re-sent after a lost ack is applied once.
alter table wl_session_event add column command_key varchar(200);
