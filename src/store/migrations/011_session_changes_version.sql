-- 011: what ends or changes a session moves the data version, whoever writes it (the
-- server, `ngoaivu user passwd`, another node): the server keeps a session's lookup until
-- the data version moves (web/server.c, authenticate), so a logout, a revoked session, a
-- new password or a deactivated user take effect at the next request.
CREATE TRIGGER sessions_end_version AFTER DELETE ON sessions
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'data_version';
END;
CREATE TRIGGER users_change_version AFTER UPDATE ON users
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'data_version';
END;
