-- A routing group no longer uses a ticket up: several Hosts may wait with one ticket, and the
-- ticket counts the key exchanges that failed with it (the third burns it).
ALTER TABLE ticket ADD COLUMN failed_tries INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX help_request_ticket ON help_request (ticket_id);
