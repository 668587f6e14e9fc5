-- Console tickets: the instructor console trades its Bearer token for one of these to open a
-- workshop's live WebSocket (browsers put no Authorization header on a WebSocket). A ticket opens
-- one connection, once, within a minute: the statement that checks it deletes it.
CREATE TABLE workshop_console_tickets (
  ticket_hash   TEXT    PRIMARY KEY, -- SHA-256 hex of the ticket; the ticket itself is never stored
  workshop_code TEXT    NOT NULL,
  expires_at    INTEGER NOT NULL     -- ms since the epoch
);
